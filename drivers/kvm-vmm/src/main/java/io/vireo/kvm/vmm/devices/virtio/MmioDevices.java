package io.vireo.kvm.vmm.devices.virtio;

import io.vireo.kvm.vmm.api.VmConfig;
import io.vireo.kvm.vmm.boot.Acpi;
import io.vireo.kvm.vmm.devices.Bus;
import io.vireo.kvm.vmm.devices.IrqLine;
import io.vireo.kvm.vmm.devices.virtio.balloon.VirtioBalloon;
import io.vireo.kvm.vmm.devices.virtio.blk.RawFileBackend;
import io.vireo.kvm.vmm.devices.virtio.blk.VirtioBlk;
import io.vireo.kvm.vmm.devices.virtio.net.TapBackend;
import io.vireo.kvm.vmm.devices.virtio.net.VirtioNet;
import io.vireo.kvm.vmm.devices.virtio.rng.VirtioRng;
import io.vireo.kvm.vmm.memory.GuestMemory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The guest's virtio-mmio devices: where each one sits (MMIO window and interrupt), the
 * command-line words that announce them, and their life across boots (attach to each boot's
 * RAM, detach before that RAM goes away). Devices are numbered in the order given: disks,
 * network interfaces, the entropy device, the balloon.
 */
public final class MmioDevices implements AutoCloseable {
    /** First window: in the 32-bit hole above RAM (RAM ends below 2 GiB), below the IOAPIC. */
    public static final long BASE = 0xd000_0000L;
    public static final long STRIDE = 0x1000;
    /** ISA interrupt lines not used by the legacy devices (0 PIT, 1 i8042, 2 cascade, 3/4 COM, 8 RTC, 13 FPU). */
    static final int[] IRQS = {5, 6, 7, 9, 10, 11, 12, 14, 15};

    /** Sets the level of interrupt line {@code gsi}. */
    @FunctionalInterface
    public interface IrqChip {
        void set(int gsi, boolean level);
    }

    private final List<VirtioMmio> devices = new ArrayList<>();
    /** What query-stats names a device by (disk: path; interface: tap and MAC), by device. */
    private final java.util.Map<VirtioMmio, java.util.Map<String, Object>> labels = new java.util.HashMap<>();
    private final Consumer<String> log;

    public MmioDevices(Consumer<String> log) {
        this.log = log;
    }

    /** The devices {@code config} asks for, mapped on {@code bus}. Opens the disk images. */
    public static MmioDevices fromConfig(VmConfig config, Bus bus, Consumer<String> log) {
        MmioDevices d = new MmioDevices(log);
        try {
            int n = 0;
            for (VmConfig.Disk disk : config.disks()) {
                RawFileBackend b;
                try {
                    b = RawFileBackend.open(disk.path(), disk.readOnly());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open disk " + disk.path() + ": " + e.getMessage(), e);
                }
                VirtioMmio t = d.add(new VirtioBlk(b, disk.serial(), "virtio-blk-" + n++), bus);
                d.labels.put(t, java.util.Map.of("path", disk.path().toString()));
            }
            for (VmConfig.Nic nic : config.nics()) {
                TapBackend tap;
                try {
                    tap = TapBackend.open(nic);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open tap " + nic.tap() + ": " + e.getMessage(), e);
                }
                VirtioMmio t = d.add(new VirtioNet(tap, nic.macBytes()), bus);
                d.labels.put(t, java.util.Map.of("tap", nic.tap(), "mac", macString(nic.macBytes())));
            }
            if (config.rng()) {
                d.add(new VirtioRng(), bus);
            }
            if (config.balloon()) {
                d.add(new VirtioBalloon(), bus);
            }
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    /** Places {@code device} in the next window with the next free interrupt line. */
    public VirtioMmio add(VirtioDevice device, Bus bus) {
        int i = devices.size();
        if (i >= IRQS.length) {
            throw new IllegalArgumentException("at most " + IRQS.length + " virtio devices");
        }
        VirtioMmio t = new VirtioMmio(device, BASE + STRIDE * i, IRQS[i], log);
        bus.mapMmio(t.base(), VirtioMmio.SIZE, t);
        devices.add(t);
        return t;
    }

    /** One map per device for the monitor's query-stats: where it is, its status, why it broke. */
    public List<java.util.Map<String, Object>> stats() {
        List<java.util.Map<String, Object>> l = new ArrayList<>();
        for (VirtioMmio t : devices) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("device", t.device().name());
            m.put("base", String.format("0x%x", t.base()));
            m.put("irq", t.irq());
            m.put("status", t.status());
            if (t.brokenReason() != null) {
                m.put("needs_reset", t.brokenReason());
            }
            java.util.Map<String, Object> label = labels.get(t);
            if (label != null) {
                // fixed order: path / tap, mac
                for (String k : List.of("path", "tap", "mac")) {
                    if (label.containsKey(k)) {
                        m.put(k, label.get(k));
                    }
                }
            }
            if (t.device() instanceof VirtioBlk) {
                VirtioBlk b = (VirtioBlk) t.device();
                m.put("requests", b.requests());
                m.put("rd_req", b.readRequests());
                m.put("rd_bytes", b.readBytes());
                m.put("wr_req", b.writeRequests());
                m.put("wr_bytes", b.writeBytes());
                m.put("flush_req", b.flushRequests());
                m.put("errors", b.errors());
            }
            if (t.device() instanceof VirtioNet) {
                VirtioNet n = (VirtioNet) t.device();
                m.put("tx_frames", n.txFrames());
                m.put("rx_frames", n.rxFrames());
                m.put("rx_dropped", n.rxDropped());
                m.put("rx_bytes", n.rxBytes());
                m.put("rx_errors", n.rxErrors());
                m.put("tx_bytes", n.txBytes());
                m.put("tx_dropped", n.txDropped());
                m.put("tx_errors", n.txErrors());
            }
            l.add(m);
        }
        return l;
    }

    private static String macString(byte[] mac) {
        StringBuilder sb = new StringBuilder();
        for (byte b : mac) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

    /** The balloon device, or null if the guest has none. */
    public VirtioBalloon balloon() {
        for (VirtioMmio t : devices) {
            if (t.device() instanceof VirtioBalloon) {
                return (VirtioBalloon) t.device();
            }
        }
        return null;
    }

    public List<VirtioMmio> devices() {
        return Collections.unmodifiableList(devices);
    }

    /** " virtio_mmio.device=..." for each device (empty without devices), to append to the command line. */
    public String cmdlineSuffix() {
        StringBuilder sb = new StringBuilder();
        for (VirtioMmio t : devices) {
            sb.append(' ').append(t.cmdlineWord());
        }
        return sb.toString();
    }

    /** The devices as ACPI describes them (DSDT LNRO0005 entries); empty without devices. */
    public List<Acpi.MmioDevice> acpiDevices() {
        List<Acpi.MmioDevice> l = new ArrayList<>();
        for (VirtioMmio t : devices) {
            l.add(new Acpi.MmioDevice(t.base(), VirtioMmio.SIZE, t.irq()));
        }
        return l;
    }

    /** Connects every device to a new boot's RAM and interrupt controller. */
    public void attach(GuestMemory mem, IrqChip chip) {
        for (VirtioMmio t : devices) {
            int gsi = t.irq();
            IrqLine line = level -> chip.set(gsi, level);
            t.attach(mem, line);
        }
    }

    /** Resets every device; returns once none touches guest RAM any more. */
    public void detach() {
        for (VirtioMmio t : devices) {
            t.detach();
        }
    }

    @Override
    public void close() {
        for (VirtioMmio t : devices) {
            t.close();
        }
    }
}
