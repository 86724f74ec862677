package io.vireo.kvm.vmm.devices;

import io.vireo.kvm.vmm.api.Json;
import io.vireo.kvm.vmm.devices.legacy.I8042;
import io.vireo.kvm.vmm.devices.legacy.PciConf1;
import io.vireo.kvm.vmm.devices.legacy.Rtc;
import io.vireo.kvm.vmm.devices.legacy.Serial;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LegacyDevicesTest {
    @Test
    void serialOutputInputAndInterrupts() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Boolean> irq = new ArrayList<>();
        Serial s = new Serial(out::write);
        s.setIrq(irq::add);
        s.write(0, 1, 'A');
        assertEquals("A", out.toString());
        assertEquals(0x60, s.read(5, 1), "THRE|TEMT, no data");
        s.write(1, 1, 0x01); // IER: RX data
        s.receive(new byte[] {'x', 'y'}, 0, 2);
        assertEquals(List.of(true), irq, "RX raises the line once (OUT2 is on)");
        assertEquals(0x61, s.read(5, 1));
        assertEquals(0x04, s.read(2, 1) & 0x0f, "IIR: RX data");
        assertEquals('x', s.read(0, 1));
        assertEquals('y', s.read(0, 1));
        assertEquals(List.of(true, false), irq, "line drops when the FIFO empties");
        s.write(4, 1, 0x1a); // loopback with RTS|OUT2... autoconfig expects MSR 0x90 for MCR 0x0a
        s.write(4, 1, 0x0a | 0x10);
        assertEquals(0x90, s.read(6, 1));
    }

    /**
     * The THRE interrupt as Linux's 8250 start-up test probes it (serial8250_do_startup): enabling
     * THRI with an empty transmitter raises it, reading IIR acknowledges it, and enabling it again
     * raises it again. A UART that does not re-assert it gets UART_BUG_THRE and a polling timer.
     */
    @Test
    void serialThreInterruptAsLinuxProbesIt() {
        List<Boolean> irq = new ArrayList<>();
        Serial s = new Serial(b -> { });
        s.setIrq(irq::add);
        s.write(1, 1, 0x02);                                   // IER = THRI
        assertEquals(0x02, s.read(2, 1) & 0x0f, "iir1: THRE pending");
        assertEquals(0x01, s.read(2, 1) & 0x0f, "reading IIR acknowledged it");
        s.write(1, 1, 0x00);
        s.write(1, 1, 0x02);                                   // THRI enabled again, THR still empty
        assertEquals(0x02, s.read(2, 1) & 0x0f, "iir: THRE re-asserted");
        s.write(1, 1, 0x00);
        assertEquals(List.of(true, false, true, false), irq, "one edge per assertion on IRQ 4");
        s.write(1, 1, 0x02);
        s.read(2, 1);
        s.write(0, 1, 'x');                                    // a byte sent: THR empty again at once
        assertEquals(0x02, s.read(2, 1) & 0x0f, "THRE after each transmitted byte");
        assertEquals(0x60, s.read(5, 1) & 0x60, "LSR: THRE|TEMT, never busy");
        s.write(4, 1, 0x00);                                   // OUT2 off: no line, IIR still tells
        s.write(0, 1, 'y');
        assertEquals(0x02, s.read(2, 1) & 0x0f);
        assertEquals(false, irq.get(irq.size() - 1), "OUT2 gates the line");
    }

    @Test
    void i8042SelfTestEchoAndReset() {
        AtomicInteger resets = new AtomicInteger();
        I8042 k = new I8042(resets::incrementAndGet);
        assertEquals(0x04, k.read(4, 1) & 0x07, "SYS, IBF clear, nothing to read");
        k.write(4, 1, 0xaa);
        assertEquals(1, k.read(4, 1) & 1);
        assertEquals(0x55, k.read(0, 1));
        k.write(4, 1, 0xd2);
        k.write(0, 1, 0xa5);
        assertEquals(0xa5, k.read(0, 1));
        k.write(4, 1, 0xfe);
        assertEquals(1, resets.get(), "0xFE pulses the reset line");
        k.ctrlAltDel();
        int[] expect = {0x1d, 0x38, 0x53};
        for (int e : expect) {
            assertEquals(e, k.read(0, 1));
        }
    }

    @Test
    void rtcReportsBcdTime() {
        Rtc r = new Rtc(Clock.fixed(Instant.parse("2026-11-22T13:45:59Z"), ZoneOffset.UTC));
        int[][] regs = {{0, 0x59}, {2, 0x45}, {4, 0x13}, {7, 0x22}, {8, 0x11}, {9, 0x26}, {0x32, 0x20}, {0x0b, 0x02}};
        for (int[] reg : regs) {
            r.write(0, 1, reg[0]);
            assertEquals(reg[1], r.read(1, 1), "register " + reg[0]);
        }
        r.write(0, 1, 0x0a);
        assertEquals(0, r.read(1, 1) & 0x80, "never update-in-progress");
        r.write(0, 1, 0x0b);
        r.write(1, 1, 0x06); // binary mode
        r.write(0, 1, 0x00);
        assertEquals(59, r.read(1, 1));
    }

    @Test
    void pciHasNoDevices() {
        PciConf1 p = new PciConf1();
        p.write(0, 4, 0x80000000L);
        assertEquals(0x80000000L, p.read(0, 4));
        assertEquals(0xffffffffL, p.read(4, 4));
    }

    @Test
    void busDispatchAndUnclaimedPorts() {
        Bus bus = new Bus();
        PciConf1 p = new PciConf1();
        bus.mapPorts(0xcf8, 8, p);
        bus.pioWrite(0xcf8, 4, 0x80001000L);
        assertEquals(0x80001000L, bus.pioRead(0xcf8, 4));
        assertEquals(0xff, bus.pioRead(0x2f8, 1));
        assertEquals(1, bus.unclaimedAccesses());
        assertThrows(IllegalStateException.class, () -> bus.mapPorts(0xcfc, 1, p));
        assertEquals(-1L, bus.mmioRead(0xd0000000L, 4));
    }

    @Test
    void jsonRoundTrip() {
        Map<String, Object> m = Json.parseObject("{\"execute\":\"query-status\",\"id\":7,\"x\":[1,2.5,true,null,\"a\\\"b\"]}");
        assertEquals("query-status", m.get("execute"));
        assertEquals(7L, m.get("id"));
        assertEquals("{\"execute\":\"query-status\",\"id\":7,\"x\":[1,2.5,true,null,\"a\\\"b\"]}", Json.write(m));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":}"));
    }
}
