package io.vireo.kvm.vmm.devices;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Maps address ranges to devices. Ports use a flat 64 Ki table (one array load per exit, the
 * UART is hot); MMIO uses a sorted map. Unclaimed reads return all-ones, as on an empty ISA bus.
 */
public final class Bus {
    private record Range(long base, long size, BusDevice device) {
    }

    private final BusDevice[] ports = new BusDevice[0x10000];
    private final int[] portBase = new int[0x10000];
    private final TreeMap<Long, Range> mmio = new TreeMap<>();
    private final LongAdder unclaimed = new LongAdder();

    public synchronized void mapPorts(int base, int count, BusDevice dev) {
        for (int p = base; p < base + count; p++) {
            if (ports[p] != null) {
                throw new IllegalStateException(String.format("port 0x%x already mapped", p));
            }
        }
        for (int p = base; p < base + count; p++) {
            ports[p] = dev;
            portBase[p] = base;
        }
    }

    public synchronized void mapMmio(long base, long size, BusDevice dev) {
        Map.Entry<Long, Range> below = mmio.floorEntry(base + size - 1);
        if (below != null && below.getValue().base + below.getValue().size > base) {
            throw new IllegalStateException(String.format("MMIO range 0x%x overlaps", base));
        }
        mmio.put(base, new Range(base, size, dev));
    }

    public long pioRead(int port, int size) {
        BusDevice d = ports[port & 0xffff];
        if (d == null) {
            unclaimed.increment();
            return size == 4 ? 0xffffffffL : size == 2 ? 0xffff : 0xff;
        }
        return d.read(port - portBase[port & 0xffff], size);
    }

    public void pioWrite(int port, int size, long value) {
        BusDevice d = ports[port & 0xffff];
        if (d == null) {
            unclaimed.increment();
            return;
        }
        d.write(port - portBase[port & 0xffff], size, value);
    }

    private Range mmioAt(long addr) {
        Map.Entry<Long, Range> e;
        synchronized (this) {
            e = mmio.floorEntry(addr);
        }
        if (e == null || addr >= e.getValue().base + e.getValue().size) {
            return null;
        }
        return e.getValue();
    }

    public long mmioRead(long addr, int size) {
        Range r = mmioAt(addr);
        if (r == null) {
            unclaimed.increment();
            return -1L;
        }
        return r.device.read(addr - r.base, size);
    }

    public void mmioWrite(long addr, int size, long value) {
        Range r = mmioAt(addr);
        if (r == null) {
            unclaimed.increment();
            return;
        }
        r.device.write(addr - r.base, size, value);
    }

    public long unclaimedAccesses() {
        return unclaimed.sum();
    }
}
