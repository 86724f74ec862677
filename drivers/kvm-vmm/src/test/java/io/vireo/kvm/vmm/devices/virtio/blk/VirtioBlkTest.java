package io.vireo.kvm.vmm.devices.virtio.blk;

import io.vireo.kvm.vmm.devices.virtio.QueueDriver;
import io.vireo.kvm.vmm.devices.virtio.Virtio;
import io.vireo.kvm.vmm.devices.virtio.VirtioMmio;
import io.vireo.kvm.vmm.devices.virtio.Virtqueue;
import io.vireo.kvm.vmm.memory.GuestMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtioBlkTest {
    static final long HDR = 0x10000;
    static final long DATA = 0x20000;
    static final long STATUS = 0x30000;

    @TempDir
    Path tmp;
    GuestMemory mem = GuestMemory.forTest(0x100000);
    List<String> log = new CopyOnWriteArrayList<>();
    List<Boolean> irq = new CopyOnWriteArrayList<>();
    VirtioMmio dev;
    VirtioBlk blk;
    QueueDriver drv;
    int posted;

    QueueDriver open(Path img, boolean ro, String serial) throws IOException {
        blk = new VirtioBlk(RawFileBackend.open(img, ro), serial, "test-blk");
        dev = new VirtioMmio(blk, 0xd0000000L, 5, log::add);
        dev.attach(mem, irq::add);
        drv = new QueueDriver(mem, dev, 32);
        drv.setUp(1);
        return drv;
    }

    @AfterEach
    void close() {
        if (dev != null) {
            dev.close();
        }
    }

    Path image(int sectors) throws IOException {
        Path p = tmp.resolve("disk.img");
        byte[] b = new byte[sectors * 512];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i / 512);
        }
        Files.write(p, b);
        return p;
    }

    /** header (desc 0) + data (desc 1, if len > 0) + status (desc 2); returns the status byte. */
    int request(int type, long sector, long dataAddr, int len, boolean dataWritable) throws InterruptedException {
        ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0, type).putLong(8, sector);
        mem.write(HDR, h.array());
        mem.putByte(STATUS, 0xee);
        if (len > 0) {
            drv.desc(0, HDR, 16, Virtqueue.DESC_F_NEXT, 1);
            drv.desc(1, dataAddr, len, Virtqueue.DESC_F_NEXT | (dataWritable ? Virtqueue.DESC_F_WRITE : 0), 2);
        } else {
            drv.desc(0, HDR, 16, Virtqueue.DESC_F_NEXT, 2);
        }
        drv.desc(2, STATUS, 1, Virtqueue.DESC_F_WRITE, 0);
        drv.post(0);
        drv.awaitUsed(++posted);
        return mem.getByte(STATUS) & 0xff;
    }

    @Test
    void configAndFeatures() throws IOException {
        open(image(8), false, "vireo-disk-1");
        assertEquals(8, dev.read(0x100, 4), "capacity in sectors");
        assertEquals(0, dev.read(0x104, 4));
        assertEquals(512, dev.read(0x100 + 20, 4), "blk_size");
        assertEquals(Virtio.ID_BLOCK, drv.reg(0x008));
        drv.reg(0x014, 0);
        int f = drv.reg(0x010);
        assertEquals(0, f & (1 << VirtioBlk.F_RO));
        assertTrue((f & (1 << VirtioBlk.F_FLUSH)) != 0);
    }

    @Test
    void writeReadFlushGetId() throws Exception {
        Path img = image(8);
        open(img, false, "vireo-disk-1");
        byte[] pattern = new byte[1024];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 7 + 3);
        }
        mem.write(DATA, pattern);
        assertEquals(0, request(VirtioBlk.T_OUT, 2, DATA, 1024, false));
        assertEquals(1, drv.usedLen(0), "a write returns only the status byte");
        mem.fill(DATA, 1024, (byte) 0);
        assertEquals(0, request(VirtioBlk.T_IN, 2, DATA, 1024, true));
        assertArrayEquals(pattern, mem.read(DATA, 1024));
        assertEquals(1025, drv.usedLen(1));
        assertEquals(0, request(VirtioBlk.T_FLUSH, 0, 0, 0, false));
        assertEquals(0, request(VirtioBlk.T_GET_ID, 0, DATA, 20, true));
        assertEquals("vireo-disk-1", new String(mem.read(DATA, 12)));
        assertEquals(0, mem.getByte(DATA + 12));
        byte[] file = Files.readAllBytes(img);
        assertArrayEquals(pattern, Arrays.copyOfRange(file, 1024, 2048), "the image holds what the guest wrote");
        assertEquals(1, file[512], "sector 1 untouched");
        assertEquals(4, file[4 * 512], "sector 4 untouched");
        assertTrue(irq.contains(true), "interrupted");
        assertTrue(log.isEmpty(), log.toString());
        assertEquals(4, blk.requests());
        assertEquals(1, blk.readRequests());
        assertEquals(1024, blk.readBytes());
        assertEquals(1, blk.writeRequests());
        assertEquals(1024, blk.writeBytes());
        assertEquals(1, blk.flushRequests());
        assertEquals(0, blk.errors());
    }

    @Test
    void scatteredRequestAcrossManyDescriptorsAndSeveralInFlight() throws Exception {
        Path img = image(16);
        open(img, false, null);
        // Three reads posted before one notification; each over 4 descriptors of 512 bytes.
        for (int r = 0; r < 3; r++) {
            int base = r * 6;
            mem.write(HDR + 16 * r, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(8, 4L * r).array());
            drv.desc(base, HDR + 16 * r, 16, Virtqueue.DESC_F_NEXT, base + 1);
            for (int k = 0; k < 4; k++) {
                drv.desc(base + 1 + k, DATA + 0x1000L * r + 512 * k, 512, Virtqueue.DESC_F_NEXT | Virtqueue.DESC_F_WRITE,
                        base + 2 + k);
            }
            drv.desc(base + 5, STATUS + r, 1, Virtqueue.DESC_F_WRITE, 0);
            mem.putShort(QueueDriver.AVAIL + 4 + 2 * r, base);
        }
        mem.putShort(QueueDriver.AVAIL + 2, 3);
        drv.reg(0x050, 0);
        drv.awaitUsed(3);
        for (int r = 0; r < 3; r++) {
            assertEquals(0, mem.getByte(STATUS + r));
            for (int k = 0; k < 4; k++) {
                assertEquals(4 * r + k, mem.getByte(DATA + 0x1000L * r + 512 * k + 100), "request " + r + " sector " + k);
            }
        }
    }

    @Test
    void readOnlyAndOutOfRange() throws Exception {
        Path img = image(8);
        open(img, true, null);
        drv.reg(0x014, 0);
        assertTrue((drv.reg(0x010) & (1 << VirtioBlk.F_RO)) != 0, "RO offered");
        assertEquals(VirtioBlk.S_IOERR, request(VirtioBlk.T_OUT, 0, DATA, 512, false), "write to a read-only disk");
        assertEquals(VirtioBlk.S_IOERR, request(VirtioBlk.T_IN, 7, DATA, 1024, true), "read past the end");
        assertEquals(VirtioBlk.S_IOERR, request(VirtioBlk.T_IN, -1L, DATA, 512, true), "sector 2^64-1");
        assertEquals(VirtioBlk.S_IOERR, request(VirtioBlk.T_IN, 0, DATA, 100, true), "not whole sectors");
        assertEquals(VirtioBlk.S_UNSUPP, request(99, 0, DATA, 512, true));
        assertEquals(0, request(VirtioBlk.T_IN, 7, DATA, 512, true));
        assertEquals(7, mem.getByte(DATA));
        assertEquals(0, dev.status() & Virtio.STATUS_NEEDS_RESET);
        assertEquals(0, Files.readAllBytes(img)[0]);
        assertEquals(4, blk.errors(), "four I/O errors; unsupported requests are not errors");
        assertEquals(1, blk.readRequests());
        assertEquals(512, blk.readBytes());
        assertEquals(0, blk.writeRequests());
        assertEquals(0, blk.writeBytes());
    }

    @Test
    void writeZeroes() throws Exception {
        Path img = image(8);
        open(img, false, null);
        mem.write(DATA, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 3).putInt(8, 2).array());
        assertEquals(0, request(VirtioBlk.T_WRITE_ZEROES, 0, DATA, 16, false));
        byte[] f = Files.readAllBytes(img);
        assertEquals(0, f[3 * 512 + 5]);
        assertEquals(0, f[4 * 512 + 5]);
        assertEquals(5, f[5 * 512 + 5]);
        assertEquals(2, f[2 * 512 + 5]);
    }

    @Test
    void malformedRequestBreaksTheDeviceNotTheVmm() throws Exception {
        open(image(8), false, null);
        drv.desc(0, HDR, 8, 0, 0); // a short header and no status byte
        drv.post(0);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((dev.status() & Virtio.STATUS_NEEDS_RESET) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(Virtio.STATUS_NEEDS_RESET, dev.status() & Virtio.STATUS_NEEDS_RESET);
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains("virtio-blk@0xd0000000"), log.get(0));
        // The driver resets and everything works again.
        drv.availIdx = 0;
        posted = 0;
        drv.setUp(1);
        assertEquals(0, request(VirtioBlk.T_IN, 1, DATA, 512, true));
        assertEquals(1, mem.getByte(DATA));
    }

    @Test
    void descriptorOutsideRamBreaksTheDevice() throws Exception {
        open(image(8), false, null);
        mem.write(HDR, new byte[16]);
        drv.desc(0, HDR, 16, Virtqueue.DESC_F_NEXT, 1);
        drv.desc(1, 0x7fff_ffff_0000L, 512, Virtqueue.DESC_F_NEXT | Virtqueue.DESC_F_WRITE, 2);
        drv.desc(2, STATUS, 1, Virtqueue.DESC_F_WRITE, 0);
        drv.post(0);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (dev.brokenReason() == null && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertTrue(dev.brokenReason() != null && dev.brokenReason().contains("outside guest RAM"), dev.brokenReason());
        assertNotEquals(0, drv.isr() & Virtio.ISR_CONFIG);
        assertEquals(0, drv.usedIdx());
    }

    @Test
    void parsesDiskOptions() {
        var d = io.vireo.kvm.vmm.api.VmConfig.Disk.parse("/x/a.img,readonly,serial=abc");
        assertEquals(Path.of("/x/a.img"), d.path());
        assertTrue(d.readOnly());
        assertEquals("abc", d.serial());
        assertEquals("/x/a.img,readonly,serial=abc", d.toArg());
        var cfg = io.vireo.kvm.vmm.api.VmConfig.fromArgs(new String[] {"--kernel", "k", "--disk", "/a", "--rng",
            "--disk", "/b,serial=s2"});
        assertEquals(2, cfg.disks().size());
        assertTrue(cfg.rng());
        assertEquals(cfg, io.vireo.kvm.vmm.api.VmConfig.fromArgs(cfg.toArgs().toArray(new String[0])));
        new ArrayList<>(List.of(1)); // keep imports honest
    }
}
