package io.vireo.kvm.vmm.devices.virtio;

import io.vireo.kvm.vmm.memory.GuestMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtioMmioTest {
    static final int MEM = 0x100000;

    /** Copies each chain's readable bytes, then fills its writable part with 0x5a; used length = writable. */
    static final class EchoDevice implements VirtioDevice {
        DeviceContext ctx;
        final List<byte[]> seen = new ArrayList<>();
        int resets;

        @Override
        public int deviceType() {
            return 0x7e;
        }

        @Override
        public String name() {
            return "virtio-test";
        }

        @Override
        public long features() {
            return Virtio.bit(Virtio.F_VERSION_1) | Virtio.bit(Virtio.F_RING_INDIRECT_DESC) | 1;
        }

        @Override
        public int[] queueMaxSizes() {
            return new int[] {16};
        }

        @Override
        public long readConfig(int offset, int size) {
            return Virtio.configBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, offset, size);
        }

        @Override
        public void activate(DeviceContext context) {
            ctx = context;
        }

        @Override
        public void notifyQueue(int queue) {
            Virtqueue q = ctx.queue(queue);
            DescriptorChain c;
            while ((c = q.pop()) != null) {
                seen.add(c.read(ctx.memory(), 0, (int) c.readableLength()));
                byte[] fill = new byte[(int) c.writableLength()];
                Arrays.fill(fill, (byte) 0x5a);
                c.write(ctx.memory(), 0, fill);
                q.pushUsed(c.head(), fill.length);
            }
            ctx.signalUsed(queue);
        }

        @Override
        public void reset() {
            ctx = null;
            resets++;
        }
    }

    GuestMemory mem;
    EchoDevice echo;
    VirtioMmio dev;
    QueueDriver drv;
    List<Boolean> irq;
    List<String> log;

    @BeforeEach
    void setUp() {
        mem = GuestMemory.forTest(MEM);
        echo = new EchoDevice();
        log = new ArrayList<>();
        irq = new ArrayList<>();
        dev = new VirtioMmio(echo, 0xd0000000L, 5, log::add);
        dev.attach(mem, irq::add);
        drv = new QueueDriver(mem, dev, 8);
    }

    @Test
    void identityRegistersAndCommandLine() {
        assertEquals(0x74726976, drv.reg(VirtioMmio.MAGIC_VALUE));
        assertEquals(2, drv.reg(VirtioMmio.VERSION));
        assertEquals(0x7e, drv.reg(VirtioMmio.DEVICE_ID));
        drv.reg(VirtioMmio.DEVICE_FEATURES_SEL, 1);
        assertEquals(1, drv.reg(VirtioMmio.DEVICE_FEATURES), "VERSION_1 is bit 32");
        drv.reg(VirtioMmio.DEVICE_FEATURES_SEL, 0);
        assertEquals((1 << 28) | 1, drv.reg(VirtioMmio.DEVICE_FEATURES));
        assertEquals(16, drv.reg(VirtioMmio.QUEUE_NUM_MAX));
        drv.reg(VirtioMmio.QUEUE_SEL, 1);
        assertEquals(0, drv.reg(VirtioMmio.QUEUE_NUM_MAX), "no queue 1");
        assertEquals(0x0403, dev.read(0x102, 2), "config space, any width");
        assertEquals("virtio_mmio.device=512@0xd0000000:5", dev.cmdlineWord());
    }

    @Test
    void featuresOkNeedsVersion1AndASubset() {
        drv.reg(VirtioMmio.STATUS, 3);
        drv.reg(VirtioMmio.DRIVER_FEATURES_SEL, 0);
        drv.reg(VirtioMmio.DRIVER_FEATURES, 1);
        drv.reg(VirtioMmio.STATUS, 3 | Virtio.STATUS_FEATURES_OK);
        assertEquals(3, drv.reg(VirtioMmio.STATUS), "legacy driver (no VERSION_1) is refused");
        drv.reg(VirtioMmio.DRIVER_FEATURES_SEL, 1);
        drv.reg(VirtioMmio.DRIVER_FEATURES, 1 | 2);
        drv.reg(VirtioMmio.STATUS, 3 | Virtio.STATUS_FEATURES_OK);
        assertEquals(3, drv.reg(VirtioMmio.STATUS), "a feature the device did not offer is refused");
        drv.reg(VirtioMmio.DRIVER_FEATURES, 1);
        drv.reg(VirtioMmio.STATUS, 3 | Virtio.STATUS_FEATURES_OK);
        assertEquals(3 | Virtio.STATUS_FEATURES_OK, drv.reg(VirtioMmio.STATUS));
        int before = echo.resets;
        drv.reg(VirtioMmio.STATUS, 0);
        assertEquals(0, drv.reg(VirtioMmio.STATUS));
        assertEquals(before + 1, echo.resets, "writing 0 resets the device");
    }

    @Test
    void goodChainRoundTripAndInterrupt() {
        drv.setUp(1);
        assertTrue(echo.ctx != null, "activated on DRIVER_OK");
        mem.write(0x8000, "hello".getBytes());
        drv.desc(0, 0x8000, 3, Virtqueue.DESC_F_NEXT, 1);
        drv.desc(1, 0x8003, 2, Virtqueue.DESC_F_NEXT, 2);
        drv.desc(2, 0x9000, 4, Virtqueue.DESC_F_WRITE, 0);
        drv.post(0);
        assertArrayEquals("hello".getBytes(), echo.seen.get(0));
        assertArrayEquals(new byte[] {0x5a, 0x5a, 0x5a, 0x5a}, mem.read(0x9000, 4));
        assertEquals(1, drv.usedIdx());
        assertEquals(0, drv.usedId(0));
        assertEquals(4, drv.usedLen(0));
        assertEquals(1, drv.reg(VirtioMmio.INTERRUPT_STATUS));
        assertEquals(List.of(true), irq);
        drv.reg(VirtioMmio.INTERRUPT_ACK, 1);
        assertEquals(List.of(true, false), irq);
        assertEquals(0, drv.reg(VirtioMmio.INTERRUPT_STATUS));
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void noInterruptWhenTheDriverAsksForNone() {
        drv.setUp(1);
        mem.putShort(QueueDriver.AVAIL, Virtqueue.AVAIL_F_NO_INTERRUPT);
        drv.desc(0, 0x9000, 4, Virtqueue.DESC_F_WRITE, 0);
        drv.post(0);
        assertEquals(1, drv.usedIdx());
        assertTrue(irq.isEmpty());
    }

    @Test
    void indirectTable() {
        drv.setUp(1);
        long table = 0xa000;
        mem.write(0x8000, "abc".getBytes());
        drv.desc(table, 0, 0x8000, 3, Virtqueue.DESC_F_NEXT, 1);
        drv.desc(table, 1, 0x9000, 2, Virtqueue.DESC_F_WRITE, 0);
        drv.desc(3, table, 32, Virtqueue.DESC_F_INDIRECT, 0);
        drv.post(3);
        assertArrayEquals("abc".getBytes(), echo.seen.get(0));
        assertEquals(2, drv.usedLen(0));
        assertEquals(3, drv.usedId(0));
        assertNull(dev.brokenReason());
    }

    private void assertBroken(String reasonPart) {
        assertEquals(Virtio.STATUS_NEEDS_RESET, drv.reg(VirtioMmio.STATUS) & Virtio.STATUS_NEEDS_RESET,
                "NEEDS_RESET after " + reasonPart);
        assertTrue(dev.brokenReason() != null && dev.brokenReason().contains(reasonPart), dev.brokenReason());
        assertEquals(Virtio.ISR_CONFIG, drv.reg(VirtioMmio.INTERRUPT_STATUS) & Virtio.ISR_CONFIG);
        assertEquals(1, log.size(), "logged once: " + log);
        assertEquals(0, drv.usedIdx(), "nothing returned from a bad chain");
        // Broken until reset: further notifications are ignored, a reset brings it back.
        drv.post(0);
        assertEquals(1, log.size());
        drv.setUp(1);
        assertEquals(0, drv.reg(VirtioMmio.STATUS) & Virtio.STATUS_NEEDS_RESET);
        assertNull(dev.brokenReason());
    }

    @Test
    void bufferOutsideRam() {
        drv.setUp(1);
        drv.desc(0, MEM - 2, 4, 0, 0);
        drv.post(0);
        assertBroken("outside guest RAM");
    }

    @Test
    void overflowingAddressPlusLength() {
        drv.setUp(1);
        drv.desc(0, 0xffff_ffff_ffff_f000L, 0x2000, Virtqueue.DESC_F_WRITE, 0);
        drv.post(0);
        assertBroken("outside guest RAM");
    }

    @Test
    void loopingChain() {
        drv.setUp(1);
        drv.desc(0, 0x8000, 1, Virtqueue.DESC_F_NEXT, 1);
        drv.desc(1, 0x8000, 1, Virtqueue.DESC_F_NEXT, 0);
        drv.post(0);
        assertBroken("loops");
    }

    @Test
    void nextIndexBeyondTheQueue() {
        drv.setUp(1);
        drv.desc(0, 0x8000, 1, Virtqueue.DESC_F_NEXT, 200);
        drv.post(0);
        assertBroken("beyond the queue");
    }

    @Test
    void headBeyondTheQueue() {
        drv.setUp(1);
        drv.post(9);
        assertBroken("beyond the queue");
    }

    @Test
    void readableAfterWritable() {
        drv.setUp(1);
        drv.desc(0, 0x9000, 1, Virtqueue.DESC_F_WRITE | Virtqueue.DESC_F_NEXT, 1);
        drv.desc(1, 0x8000, 1, 0, 0);
        drv.post(0);
        assertBroken("readable buffer after a writable");
    }

    @Test
    void availIndexRunsAhead() {
        drv.setUp(1);
        mem.putShort(QueueDriver.AVAIL + 2, 100);
        drv.reg(VirtioMmio.QUEUE_NOTIFY, 0);
        assertEquals(Virtio.STATUS_NEEDS_RESET, drv.reg(VirtioMmio.STATUS) & Virtio.STATUS_NEEDS_RESET);
        assertTrue(dev.brokenReason().contains("ahead"), dev.brokenReason());
    }

    @Test
    void chainOverFourGiB() {
        drv.setUp(1);
        for (int i = 0; i < 3; i++) {
            drv.desc(i, 0, 0x8_0000, Virtqueue.DESC_F_NEXT, i + 1); // 0.5 MiB each, in RAM
        }
        drv.desc(3, 0, 0x8_0000, 0, 0);
        drv.post(0);
        assertEquals(1, drv.usedIdx(), "2 MiB is fine");
        // An indirect table of 16 entries over 1 MiB each... RAM is 1 MiB, so use lengths that fit.
        long table = 0xa000;
        for (int i = 0; i < 15; i++) {
            drv.desc(table, i, 0, MEM, Virtqueue.DESC_F_NEXT, i + 1);
        }
        drv.desc(table, 15, 0, MEM, 0, 0);
        drv.desc(4, table, 16 * 16, Virtqueue.DESC_F_INDIRECT, 0);
        drv.post(4);
        assertNull(dev.brokenReason(), "16 MiB in total is fine");
    }

    @Test
    void nestedIndirect() {
        drv.setUp(1);
        long table = 0xa000;
        drv.desc(table, 0, 0xb000, 16, Virtqueue.DESC_F_INDIRECT, 0);
        drv.desc(0, table, 16, Virtqueue.DESC_F_INDIRECT, 0);
        drv.post(0);
        assertBroken("inside an indirect table");
    }

    @Test
    void indirectTableOutsideRamOrOddLength() {
        drv.setUp(1);
        drv.desc(0, MEM - 16, 32, Virtqueue.DESC_F_INDIRECT, 0);
        drv.post(0);
        assertBroken("indirect table");
        drv.desc(0, 0xa000, 17, Virtqueue.DESC_F_INDIRECT, 0);
        drv.post(0);
        assertTrue(dev.brokenReason().contains("multiple of 16"), dev.brokenReason());
    }

    @Test
    void indirectLoopIsCapped() {
        drv.setUp(1);
        long table = 0xa000;
        drv.desc(table, 0, 0x8000, 1, Virtqueue.DESC_F_NEXT, 1);
        drv.desc(table, 1, 0x8000, 1, Virtqueue.DESC_F_NEXT, 0);
        drv.desc(0, table, 32, Virtqueue.DESC_F_INDIRECT, 0);
        drv.post(0);
        assertBroken("loops");
    }

    @Test
    void ringsOutsideRamAtQueueReady() {
        drv.reg(VirtioMmio.STATUS, 0);
        drv.reg(VirtioMmio.STATUS, 3);
        drv.reg(VirtioMmio.DRIVER_FEATURES_SEL, 1);
        drv.reg(VirtioMmio.DRIVER_FEATURES, 1);
        drv.reg(VirtioMmio.STATUS, 3 | Virtio.STATUS_FEATURES_OK);
        drv.setUpQueue(0, MEM - 16, QueueDriver.AVAIL, QueueDriver.USED);
        assertFalse(drv.reg(VirtioMmio.QUEUE_READY) == 1, "not ready");
        assertTrue(dev.brokenReason().contains("rings outside guest RAM"), dev.brokenReason());
        drv.reg(VirtioMmio.STATUS, 0);
        drv.reg(VirtioMmio.STATUS, 3);
        drv.reg(VirtioMmio.DRIVER_FEATURES_SEL, 1);
        drv.reg(VirtioMmio.DRIVER_FEATURES, 1);
        drv.reg(VirtioMmio.STATUS, 3 | Virtio.STATUS_FEATURES_OK);
        drv.setUpQueue(0, 0x1008, QueueDriver.AVAIL, QueueDriver.USED);
        assertTrue(dev.brokenReason().contains("misaligned"), dev.brokenReason());
    }

    @Test
    void queueSizeMustBeAPowerOfTwo() {
        drv.reg(VirtioMmio.STATUS, 3);
        drv.reg(VirtioMmio.DRIVER_FEATURES_SEL, 1);
        drv.reg(VirtioMmio.DRIVER_FEATURES, 1);
        drv.reg(VirtioMmio.STATUS, 3 | Virtio.STATUS_FEATURES_OK);
        drv.reg(VirtioMmio.QUEUE_SEL, 0);
        drv.reg(VirtioMmio.QUEUE_NUM, 12);
        drv.reg(VirtioMmio.QUEUE_READY, 1);
        assertTrue(dev.brokenReason().contains("power of two"), dev.brokenReason());
    }

    @Test
    void detachStopsEverything() {
        drv.setUp(1);
        dev.detach();
        assertNull(echo.ctx);
        assertEquals(0, drv.reg(VirtioMmio.STATUS));
        drv.post(0); // no memory attached: ignored
        assertTrue(log.isEmpty());
    }
}
