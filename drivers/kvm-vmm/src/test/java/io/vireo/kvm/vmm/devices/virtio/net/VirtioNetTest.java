package io.vireo.kvm.vmm.devices.virtio.net;

import io.vireo.kvm.vmm.devices.virtio.QueueDriver;
import io.vireo.kvm.vmm.devices.virtio.Virtio;
import io.vireo.kvm.vmm.devices.virtio.VirtioMmio;
import io.vireo.kvm.vmm.devices.virtio.Virtqueue;
import io.vireo.kvm.vmm.memory.GuestMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtioNetTest {
    static final class FakeBackend implements NetBackend {
        final List<byte[]> sent = new ArrayList<>();
        Consumer<byte[]> sink;

        @Override
        public void transmit(List<ByteBuffer> parts) {
            sent.add(VirtioNet.concat(parts));
        }

        @Override
        public void start(Consumer<byte[]> s) {
            sink = s;
        }

        @Override
        public void close() {
        }
    }

    static final byte[] MAC = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
    GuestMemory mem = GuestMemory.forTest(0x100000);
    FakeBackend backend = new FakeBackend();
    VirtioNet net = new VirtioNet(backend, MAC);
    VirtioMmio dev;
    QueueDriver drv;
    List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() {
        dev = new VirtioMmio(net, 0xd0003000L, 9, log::add);
        dev.attach(mem, l -> { });
        drv = new QueueDriver(mem, dev, 8);
        drv.setUp(2);
    }

    @Test
    void macAndLinkStatus() {
        assertEquals(Virtio.ID_NET, drv.reg(0x008));
        assertEquals(0x12005452, dev.read(0x100, 4));
        assertEquals(0x5634, dev.read(0x104, 2));
        assertEquals(1, dev.read(0x106, 2), "link up");
    }

    @Test
    void transmitHandsHeaderAndFrameToTheBackend() {
        long txDesc = QueueDriver.DESC + 0x10000;
        byte[] frame = new byte[60];
        Arrays.fill(frame, (byte) 0xab);
        mem.write(0x8000, new byte[12]);
        mem.write(0x9000, frame);
        drv.desc(txDesc, 0, 0x8000, 12, Virtqueue.DESC_F_NEXT, 1);
        drv.desc(txDesc, 1, 0x9000, 60, 0, 0);
        mem.putShort(QueueDriver.AVAIL + 0x10000 + 4, 0);
        mem.putShort(QueueDriver.AVAIL + 0x10000 + 2, 1);
        drv.reg(0x050, 1);
        assertEquals(1, backend.sent.size());
        assertEquals(72, backend.sent.get(0).length);
        assertEquals((byte) 0xab, backend.sent.get(0)[12]);
        assertEquals(1, mem.getShort(QueueDriver.USED + 0x10000 + 2));
        assertEquals(1, net.txFrames());
        assertEquals(60, net.txBytes(), "frame bytes, without the virtio header");
        assertEquals(0, net.txDropped());
        assertEquals(0, net.txErrors());
    }

    @Test
    void aFrameTheBackendRefusesCountsAsATransmitDrop() {
        NetBackend refusing = new NetBackend() {
            @Override
            public void transmit(List<ByteBuffer> parts) throws java.io.IOException {
                throw new java.io.IOException("link down");
            }

            @Override
            public void start(Consumer<byte[]> s) {
            }

            @Override
            public void close() {
            }
        };
        VirtioNet n2 = new VirtioNet(refusing, MAC);
        VirtioMmio d2 = new VirtioMmio(n2, 0xd0004000L, 10, log::add);
        d2.attach(mem, l -> { });
        QueueDriver q = new QueueDriver(mem, d2, 8);
        q.setUp(2);
        long txDesc = QueueDriver.DESC + 0x10000;
        q.desc(txDesc, 0, 0x8000, 12 + 60, 0, 0);
        mem.putShort(QueueDriver.AVAIL + 0x10000 + 4, 0);
        mem.putShort(QueueDriver.AVAIL + 0x10000 + 2, 1);
        q.reg(0x050, 1);
        assertEquals(1, mem.getShort(QueueDriver.USED + 0x10000 + 2), "the buffer goes back to the driver");
        assertEquals(0, n2.txFrames());
        assertEquals(0, n2.txBytes());
        assertEquals(1, n2.txDropped());
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void receivedFramesWaitForBuffers() {
        byte[] f = new byte[12 + 64];
        f[12] = 0x42;
        backend.sink.accept(f);
        assertEquals(1, net.pendingFrames(), "no receive buffer yet");
        drv.desc(0, 0xa000, 1526, Virtqueue.DESC_F_WRITE, 0);
        drv.post(0);
        assertEquals(0, net.pendingFrames());
        assertEquals(1, drv.usedIdx());
        assertEquals(76, drv.usedLen(0));
        assertEquals(1, mem.getShort(0xa000 + 10), "num_buffers");
        assertEquals(0x42, mem.getByte(0xa000 + 12));
        // A second frame lands at once in a buffer posted ahead.
        drv.desc(1, 0xb000, 1526, Virtqueue.DESC_F_WRITE, 0);
        drv.post(1);
        backend.sink.accept(f);
        assertEquals(2, drv.usedIdx());
        assertEquals(2, net.rxFrames());
        assertEquals(128, net.rxBytes(), "frame bytes, without the virtio header");
        assertEquals(0, net.rxDropped());
        assertEquals(0, net.rxErrors());
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void badTransmitChainBreaksTheDevice() {
        long txDesc = QueueDriver.DESC + 0x10000;
        drv.desc(txDesc, 0, 0x8000, 4, 0, 0); // shorter than the header
        mem.putShort(QueueDriver.AVAIL + 0x10000 + 4, 0);
        mem.putShort(QueueDriver.AVAIL + 0x10000 + 2, 1);
        drv.reg(0x050, 1);
        assertEquals(Virtio.STATUS_NEEDS_RESET, dev.status() & Virtio.STATUS_NEEDS_RESET);
        assertTrue(backend.sent.isEmpty());
        assertEquals(1, net.txErrors());
        assertEquals(0, net.txFrames());
    }

    @Test
    void resetDropsWaitingFrames() {
        backend.sink.accept(new byte[40]);
        assertEquals(1, net.pendingFrames());
        dev.detach();
        assertEquals(0, net.pendingFrames());
        backend.sink.accept(new byte[40]);
        assertEquals(0, net.pendingFrames(), "dropped while not activated");
        assertEquals(1, net.rxDropped());
        backend.sink.accept(new byte[4]);
        assertEquals(1, net.rxErrors(), "shorter than the virtio header");
        assertEquals(1, net.rxDropped());
    }
}
