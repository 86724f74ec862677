package io.vireo.kvm.vmm.devices.legacy;

import io.vireo.kvm.vmm.devices.BusDevice;

import java.time.Clock;
import java.time.ZonedDateTime;

/**
 * MC146818 CMOS RTC at ports 0x70 (index) / 0x71 (data): the host's UTC time, BCD or binary
 * and 24-hour as register B says, never "update in progress", plus 128 bytes of CMOS RAM.
 */
public final class Rtc implements BusDevice {
    private final Clock clock;
    private final byte[] cmos = new byte[128];
    private int index;

    public Rtc(Clock clock) {
        this.clock = clock;
        cmos[0x0a] = 0x26;
        cmos[0x0b] = 0x02; // 24h, BCD
        cmos[0x0d] = (byte) 0x80; // valid RAM and time
    }

    private int enc(int v) {
        return (cmos[0x0b] & 0x04) != 0 ? v : ((v / 10) << 4) | (v % 10);
    }

    @Override
    public synchronized long read(long offset, int size) {
        if (offset == 0) {
            return 0xff;
        }
        ZonedDateTime t = ZonedDateTime.now(clock);
        switch (index) {
            case 0x00: return enc(t.getSecond());
            case 0x02: return enc(t.getMinute());
            case 0x04: return enc(t.getHour());
            case 0x06: return enc(t.getDayOfWeek().getValue() % 7 + 1);
            case 0x07: return enc(t.getDayOfMonth());
            case 0x08: return enc(t.getMonthValue());
            case 0x09: return enc(t.getYear() % 100);
            case 0x32: return enc(t.getYear() / 100);
            case 0x0a: return cmos[0x0a] & 0x7f; // UIP never set
            case 0x0c: return 0;                // no interrupt flags
            default: return cmos[index] & 0xff;
        }
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        int v = (int) (value & 0xff);
        if (offset == 0) {
            index = v & 0x7f; // bit 7 is the NMI mask
            return;
        }
        switch (index) {
            case 0x00: case 0x02: case 0x04: case 0x06: case 0x07: case 0x08: case 0x09: case 0x32:
            case 0x0c: case 0x0d:
                break; // the clock follows the host; status C/D are read-only
            default:
                cmos[index] = (byte) v;
        }
    }
}
