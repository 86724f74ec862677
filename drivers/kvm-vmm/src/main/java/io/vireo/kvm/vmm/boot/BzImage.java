package io.vireo.kvm.vmm.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A Linux bzImage as the boot protocol sees it: the setup header (validated) and the
 * protected-mode part, which is loaded at 1 MiB and entered at +0x200 in 64-bit mode.
 */
public final class BzImage {
    public static final int SETUP_SECTS = 0x1f1;
    public static final int BOOT_FLAG = 0x1fe;
    public static final int JUMP = 0x200;
    public static final int HEADER_MAGIC = 0x202;
    public static final int VERSION = 0x206;
    public static final int INITRD_ADDR_MAX = 0x22c;
    public static final int XLOADFLAGS = 0x236;
    public static final int CMDLINE_SIZE = 0x238;
    public static final int INIT_SIZE = 0x260;
    public static final int XLF_KERNEL_64 = 0x1;
    public static final int MIN_VERSION = 0x020c;

    private final byte[] file;
    private final int setupSize;
    private final int version;
    private final long initrdAddrMax;
    private final int cmdlineSize;
    private final long initSize;

    private BzImage(byte[] file) {
        this.file = file;
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 0x400 || b.getInt(HEADER_MAGIC) != 0x53726448) {
            throw new IllegalArgumentException("not a bzImage: no \"HdrS\" setup header");
        }
        if ((b.getShort(BOOT_FLAG) & 0xffff) != 0xaa55) {
            throw new IllegalArgumentException("bzImage boot_flag is not 0xaa55");
        }
        version = b.getShort(VERSION) & 0xffff;
        if (version < MIN_VERSION) {
            throw new IllegalArgumentException(String.format("boot protocol 0x%04x is older than 2.12", version));
        }
        if ((b.getShort(XLOADFLAGS) & XLF_KERNEL_64) == 0) {
            throw new IllegalArgumentException("kernel has no 64-bit entry point (XLF_KERNEL_64 clear)");
        }
        int sects = file[SETUP_SECTS] & 0xff;
        setupSize = ((sects == 0 ? 4 : sects) + 1) * 512;
        if (setupSize >= file.length) {
            throw new IllegalArgumentException("bzImage has no protected-mode part");
        }
        initrdAddrMax = b.getInt(INITRD_ADDR_MAX) & 0xffffffffL;
        cmdlineSize = b.getInt(CMDLINE_SIZE);
        initSize = b.getInt(INIT_SIZE) & 0xffffffffL;
    }

    public static BzImage parse(byte[] file) {
        return new BzImage(file);
    }

    public int version() {
        return version;
    }

    public long initrdAddrMax() {
        return initrdAddrMax;
    }

    public int cmdlineSize() {
        return cmdlineSize;
    }

    public long initSize() {
        return initSize;
    }

    /** Header bytes to copy into the zero page: 0x1f1 up to the end the jump at 0x200 encodes. */
    public byte[] setupHeader() {
        int end = 0x202 + (file[JUMP + 1] & 0xff);
        return Arrays.copyOfRange(file, SETUP_SECTS, end);
    }

    public byte[] kernel() {
        return Arrays.copyOfRange(file, setupSize, file.length);
    }

    public int kernelSize() {
        return file.length - setupSize;
    }

    /** The protected-mode part, without copying it. */
    public ByteBuffer kernelView() {
        return ByteBuffer.wrap(file, setupSize, file.length - setupSize);
    }
}
