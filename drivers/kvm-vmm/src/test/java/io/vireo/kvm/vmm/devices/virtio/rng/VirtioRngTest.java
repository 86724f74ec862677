package io.vireo.kvm.vmm.devices.virtio.rng;

import io.vireo.kvm.vmm.devices.virtio.QueueDriver;
import io.vireo.kvm.vmm.devices.virtio.Virtio;
import io.vireo.kvm.vmm.devices.virtio.VirtioMmio;
import io.vireo.kvm.vmm.devices.virtio.Virtqueue;
import io.vireo.kvm.vmm.memory.GuestMemory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtioRngTest {
    @Test
    void fillsBuffersWithEntropy() throws Exception {
        GuestMemory mem = GuestMemory.forTest(0x100000);
        List<String> log = new ArrayList<>();
        VirtioMmio dev = new VirtioMmio(new VirtioRng(), 0xd0001000L, 6, log::add);
        dev.attach(mem, l -> { });
        QueueDriver drv = new QueueDriver(mem, dev, 8);
        drv.setUp(1);
        assertEquals(Virtio.ID_ENTROPY, drv.reg(0x008));
        drv.desc(0, 0x8000, 32, Virtqueue.DESC_F_WRITE | Virtqueue.DESC_F_NEXT, 1);
        drv.desc(1, 0x9000, 32, Virtqueue.DESC_F_WRITE, 0);
        drv.post(0);
        drv.awaitUsed(1);
        assertEquals(64, drv.usedLen(0));
        int zeros = 0;
        for (int i = 0; i < 32; i++) {
            zeros += mem.getByte(0x8000 + i) == 0 ? 1 : 0;
            zeros += mem.getByte(0x9000 + i) == 0 ? 1 : 0;
        }
        assertTrue(zeros < 10, "looks random");
        // A readable-only chain gets nothing; a huge chain is capped.
        drv.desc(2, 0x8000, 0xf0000, Virtqueue.DESC_F_WRITE, 0);
        drv.post(2);
        drv.awaitUsed(2);
        assertEquals(VirtioRng.MAX_PER_REQUEST, drv.usedLen(1));
        assertTrue(log.isEmpty());
        dev.close();
    }
}
