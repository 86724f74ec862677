package io.vireo.kvm.vmm.devices.virtio.balloon;

import io.vireo.kvm.vmm.devices.virtio.QueueDriver;
import io.vireo.kvm.vmm.devices.virtio.Virtio;
import io.vireo.kvm.vmm.devices.virtio.VirtioMmio;
import io.vireo.kvm.vmm.memory.GuestMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtioBalloonTest {
    static final int MEM = 0x400000;
    GuestMemory mem;
    VirtioBalloon balloon;
    VirtioMmio dev;
    QueueDriver drv;
    List<String> log = new ArrayList<>();
    List<Boolean> irq = new ArrayList<>();
    GuestStatsDriver guest;

    @BeforeEach
    void setUp() {
        mem = GuestMemory.forTest(MEM);
        balloon = new VirtioBalloon();
        dev = new VirtioMmio(balloon, 0xd0002000L, 7, log::add);
        dev.attach(mem, irq::add);
        drv = new QueueDriver(mem, dev, 8);
        drv.setUp(3);
        guest = new GuestStatsDriver();
    }

    @Test
    void targetRaisesAConfigInterruptAndActualIsReported() {
        assertEquals(Virtio.ID_BALLOON, drv.reg(0x008));
        int gen = drv.reg(0x0fc);
        balloon.setTarget(300);
        assertEquals(300, dev.read(0x100, 4));
        assertEquals(Virtio.ISR_CONFIG, drv.isr() & Virtio.ISR_CONFIG);
        assertTrue(drv.reg(0x0fc) != gen, "config generation moves");
        dev.write(0x104, 4, 300);
        assertEquals(300, balloon.actualPages());
        assertEquals(300, dev.read(0x104, 4));
    }

    @Test
    void inflateDiscardsThePagesDeflateCounts() {
        for (long p = 0x200000; p < 0x203000; p += 8) {
            mem.putLong(p, 0x1122334455667788L);
        }
        long list = 0x100000;
        mem.putInt(list, 0x200);
        mem.putInt(list + 4, 0x201);
        mem.putInt(list + 8, 0x202);
        drv.desc(0, list, 12, 0, 0);
        drv.post(0);
        assertEquals(1, drv.usedIdx());
        assertEquals(0, mem.getLong(0x200000));
        assertEquals(0, mem.getLong(0x202ff8));
        assertEquals(3, balloon.inflatedPages());
        // Deflate queue (queue 1 lives 0x10000 further on).
        long desc1 = QueueDriver.DESC + 0x10000;
        mem.putLong(desc1, list);
        mem.putInt(desc1 + 8, 8);
        mem.putShort(QueueDriver.AVAIL + 0x10000 + 4, 0);
        mem.putShort(QueueDriver.AVAIL + 0x10000 + 2, 1);
        drv.reg(0x050, 1);
        assertEquals(1, mem.getShort(QueueDriver.USED + 0x10000 + 2));
        assertEquals(2, balloon.deflatedPages());
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void pageOutsideRamBreaksTheDevice() {
        long list = 0x100000;
        mem.putInt(list, MEM / 4096);
        drv.desc(0, list, 4, 0, 0);
        drv.post(0);
        assertEquals(Virtio.STATUS_NEEDS_RESET, dev.status() & Virtio.STATUS_NEEDS_RESET);
        assertTrue(dev.brokenReason().contains("outside guest RAM"), dev.brokenReason());
    }

    @Test
    void oddListLengthBreaksTheDevice() {
        drv.desc(0, 0x100000, 6, 0, 0);
        drv.post(0);
        assertTrue(dev.brokenReason().contains("32-bit entries"), dev.brokenReason());
    }

    // Statistics queue (queue 2), driven the way Linux's virtio_balloon does: one buffer of
    // (le16 tag, le64 value) entries, posted at probe and re-posted each time the device returns it.

    /** The guest side of queue 2: its ring lives 0x20000 after queue 0's, its one buffer at STATS_BUF. */
    final class GuestStatsDriver {
        static final long STATS_BUF = 0x180000;
        final long desc = QueueDriver.DESC + 0x20000;
        final long avail = QueueDriver.AVAIL + 0x20000;
        final long used = QueueDriver.USED + 0x20000;
        int availIdx;
        int seenUsed;

        /** Fills the buffer with {@code entries} (tag to value, in order) and makes it available. */
        void report(Map<Integer, Long> entries) {
            ByteBuffer b = ByteBuffer.allocate(entries.size() * 10).order(ByteOrder.LITTLE_ENDIAN);
            entries.forEach((tag, v) -> b.putShort((short) (int) tag).putLong(v));
            postRaw(b.array());
        }

        void postRaw(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                mem.putByte(STATS_BUF + i, bytes[i]);
            }
            mem.putLong(desc, STATS_BUF);
            mem.putInt(desc + 8, bytes.length);
            mem.putShort(desc + 12, 0);
            mem.putShort(avail + 4 + 2L * (availIdx % 8), 0);
            availIdx++;
            mem.putShort(avail + 2, availIdx);
            drv.reg(0x050, 2);
        }

        int usedIdx() {
            return mem.getShort(used + 2) & 0xffff;
        }

        /** True once the device gave the buffer back (a request for fresh statistics) since the last look. */
        boolean asked() {
            if (usedIdx() == seenUsed) {
                return false;
            }
            assertEquals(0, mem.getInt(used + 4 + 8L * (seenUsed % 8)), "the buffer comes back as head 0");
            assertEquals(0, mem.getInt(used + 4 + 8L * (seenUsed % 8) + 4), "the device writes nothing into it");
            seenUsed++;
            return true;
        }

        /** Waits up to {@code ms} for the device to ask. */
        boolean awaitAsked(long ms) throws InterruptedException {
            long deadline = System.currentTimeMillis() + ms;
            while (System.currentTimeMillis() < deadline) {
                if (asked()) {
                    return true;
                }
                Thread.sleep(5);
            }
            return false;
        }
    }

    static Map<Integer, Long> entries(long... tagValue) {
        Map<Integer, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < tagValue.length; i += 2) {
            m.put((int) tagValue[i], tagValue[i + 1]);
        }
        return m;
    }

    @Test
    void statsFeatureIsOfferedWithThreeQueues() {
        drv.reg(0x014, 0);
        assertEquals(1 << VirtioBalloon.F_STATS_VQ, drv.reg(0x010) & (1 << VirtioBalloon.F_STATS_VQ));
        drv.reg(0x030, 2);
        assertEquals(VirtioBalloon.QUEUE_SIZE, drv.reg(0x034));
        drv.reg(0x030, 3);
        assertEquals(0, drv.reg(0x034), "no fourth queue");
    }

    @Test
    void firstReportIsKeptWithItsTimeAndTheBufferHeld() {
        assertEquals(BalloonStats.NONE, balloon.stats());
        long before = System.currentTimeMillis() / 1000;
        // Linux's order: swap in/out, faults, free, total, available, caches, hugetlb; tag 12 is a newer one.
        guest.report(entries(0, 4096, 1, 0, 2, 17, 3, 9000, 4, 100L << 20, 5, 250L << 20, 6, 180L << 20,
                7, 30L << 20, 8, 0, 9, 0, 12, 5));
        long after = System.currentTimeMillis() / 1000;
        BalloonStats s = balloon.stats();
        assertTrue(s.lastUpdate() >= before && s.lastUpdate() <= after, "last update " + s.lastUpdate());
        assertEquals(List.of("stat-swap-in", "stat-swap-out", "stat-major-faults", "stat-minor-faults",
                "stat-free-memory", "stat-total-memory", "stat-available-memory", "stat-disk-caches",
                "stat-htlb-pgalloc", "stat-htlb-pgfail"), List.copyOf(s.values().keySet()));
        assertEquals(4096L, s.values().get("stat-swap-in"));
        assertEquals(9000L, s.values().get("stat-minor-faults"));
        assertEquals(250L << 20, s.values().get("stat-total-memory"));
        assertEquals(180L << 20, s.values().get("stat-available-memory"));
        assertFalse(guest.asked(), "the device keeps the buffer until it wants fresh statistics");
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void requestGivesTheBufferBackAndTheNextReportReplacesTheLast() {
        assertFalse(balloon.requestStats(), "nothing to give back before the guest posted");
        guest.report(entries(4, 100, 5, 200, 6, 150));
        irq.clear();
        drv.reg(0x064, drv.isr());
        assertTrue(balloon.requestStats());
        assertTrue(guest.asked());
        assertEquals(Virtio.ISR_QUEUE, drv.isr() & Virtio.ISR_QUEUE, "the request interrupts the guest");
        assertTrue(irq.contains(true));
        assertFalse(balloon.requestStats(), "the buffer is the guest's until it posts again");
        guest.report(entries(4, 90, 5, 200));
        assertEquals(Map.of("stat-free-memory", 90L, "stat-total-memory", 200L), balloon.stats().values());
        assertFalse(guest.asked());
    }

    @Test
    void periodAsksAgainAfterEachReportUntilSetToZero() throws InterruptedException {
        balloon.setStatsPeriod(1);
        assertEquals(1, balloon.statsPeriod());
        guest.report(entries(4, 1, 5, 10));
        long t0 = System.nanoTime();
        assertTrue(guest.awaitAsked(10_000), "asked about a second after the report");
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(waitedMs >= 900, "asked after " + waitedMs + " ms");
        guest.report(entries(4, 2, 5, 10));
        assertTrue(guest.awaitAsked(10_000), "and again after the next report");
        assertEquals(2L, balloon.stats().values().get("stat-free-memory"));
        balloon.setStatsPeriod(0);
        guest.report(entries(4, 3, 5, 10));
        assertFalse(guest.awaitAsked(1500), "period 0 stops the requests");
        assertEquals(3L, balloon.stats().values().get("stat-free-memory"));
    }

    @Test
    void aReportPostedBeforeDriverOkIsTakenAtActivation() {
        // As Linux's probe does: queues ready, the first report posted and kicked, then DRIVER_OK.
        drv.reg(0x070, 0);
        drv.reg(0x070, Virtio.STATUS_ACKNOWLEDGE | Virtio.STATUS_DRIVER);
        for (int sel = 0; sel < 2; sel++) {
            drv.reg(0x014, sel);
            int f = drv.reg(0x010);
            drv.reg(0x024, sel);
            drv.reg(0x020, f);
        }
        int featuresOk = Virtio.STATUS_ACKNOWLEDGE | Virtio.STATUS_DRIVER | Virtio.STATUS_FEATURES_OK;
        drv.reg(0x070, featuresOk);
        for (int q = 0; q < 3; q++) {
            drv.setUpQueue(q, QueueDriver.DESC + 0x10000L * q, QueueDriver.AVAIL + 0x10000L * q,
                    QueueDriver.USED + 0x10000L * q);
        }
        guest.report(entries(4, 11, 5, 22));
        assertEquals(BalloonStats.NONE, balloon.stats(), "nothing is read before DRIVER_OK");
        drv.reg(0x070, featuresOk | Virtio.STATUS_DRIVER_OK);
        assertEquals(Map.of("stat-free-memory", 11L, "stat-total-memory", 22L), balloon.stats().values());
        assertTrue(balloon.requestStats(), "and the buffer is held");
    }

    @Test
    void aSecondBufferSendsTheHeldOneBack() {
        guest.report(entries(4, 1));
        guest.report(entries(4, 2));
        assertTrue(guest.asked(), "the older buffer went back");
        assertEquals(2L, balloon.stats().values().get("stat-free-memory"));
    }

    @Test
    void resetDropsTheHeldBufferButKeepsTheLastReport() {
        guest.report(entries(4, 7));
        drv.reg(0x070, 0);
        assertFalse(balloon.requestStats(), "the old driver's buffer is gone");
        assertEquals(7L, balloon.stats().values().get("stat-free-memory"));
    }

    @Test
    void statsBufferOfPartEntriesBreaksTheDevice() {
        guest.postRaw(new byte[15]);
        assertTrue(dev.brokenReason().contains("10-byte entries"), dev.brokenReason());
    }
}
