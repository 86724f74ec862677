package io.vireo.kvm.vmm.devices.virtio.balloon;

import io.vireo.kvm.vmm.devices.virtio.QueueDriver;
import io.vireo.kvm.vmm.devices.virtio.Virtio;
import io.vireo.kvm.vmm.devices.virtio.VirtioMmio;
import io.vireo.kvm.vmm.memory.GuestMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtioBalloonTest {
    static final int MEM = 0x400000;
    GuestMemory mem;
    VirtioBalloon balloon;
    VirtioMmio dev;
    QueueDriver drv;
    List<String> log = new ArrayList<>();
    List<Boolean> irq = new ArrayList<>();

    @BeforeEach
    void setUp() {
        mem = GuestMemory.forTest(MEM);
        balloon = new VirtioBalloon();
        dev = new VirtioMmio(balloon, 0xd0002000L, 7, log::add);
        dev.attach(mem, irq::add);
        drv = new QueueDriver(mem, dev, 8);
        drv.setUp(2);
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
}
