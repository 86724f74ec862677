package io.vireo.kvm.vmm.kvm;

/**
 * ioctl request numbers from linux/kvm.h for x86_64, computed with the _IO/_IOR/_IOW/_IOWR
 * encoding (dir << 30 | size << 16 | 0xAE << 8 | nr) so the struct sizes are visible here.
 */
public final class KvmIoctls {
    private KvmIoctls() {
    }

    private static final int KVMIO = 0xAE;

    static long io(int nr) {
        return ((long) KVMIO << 8) | nr;
    }

    static long ior(int nr, int size) {
        return (2L << 30) | ((long) size << 16) | ((long) KVMIO << 8) | nr;
    }

    static long iow(int nr, int size) {
        return (1L << 30) | ((long) size << 16) | ((long) KVMIO << 8) | nr;
    }

    static long iowr(int nr, int size) {
        return (3L << 30) | ((long) size << 16) | ((long) KVMIO << 8) | nr;
    }

    public static final long KVM_GET_API_VERSION = io(0x00);
    public static final long KVM_CREATE_VM = io(0x01);
    public static final long KVM_CHECK_EXTENSION = io(0x03);
    public static final long KVM_GET_VCPU_MMAP_SIZE = io(0x04);
    public static final long KVM_GET_SUPPORTED_CPUID = iowr(0x05, 8);
    public static final long KVM_CREATE_VCPU = io(0x41);
    public static final long KVM_SET_USER_MEMORY_REGION = iow(0x46, 32);
    public static final long KVM_SET_TSS_ADDR = io(0x47);
    public static final long KVM_SET_IDENTITY_MAP_ADDR = iow(0x48, 8);
    public static final long KVM_CREATE_IRQCHIP = io(0x60);
    public static final long KVM_IRQ_LINE = iow(0x61, 8);
    /** struct kvm_irqchip: u32 chip_id, u32 pad, 512-byte union (PIC or IOAPIC state). */
    public static final long KVM_GET_IRQCHIP = iowr(0x62, 520);
    public static final int KVM_IRQCHIP_IOAPIC = 2;
    public static final long KVM_CREATE_PIT2 = iow(0x77, 64);
    public static final long KVM_RUN = io(0x80);
    public static final long KVM_GET_REGS = ior(0x81, 144);
    public static final long KVM_SET_REGS = iow(0x82, 144);
    public static final long KVM_GET_SREGS = ior(0x83, 312);
    public static final long KVM_SET_SREGS = iow(0x84, 312);
    public static final long KVM_SET_MSRS = iow(0x89, 8);
    public static final long KVM_SET_FPU = iow(0x8d, 416);
    public static final long KVM_GET_LAPIC = ior(0x8e, 1024);
    public static final long KVM_SET_LAPIC = iow(0x8f, 1024);
    public static final long KVM_SET_CPUID2 = iow(0x90, 8);
    public static final long KVM_GET_MP_STATE = ior(0x98, 4);

    public static final int KVM_API_VERSION = 12;
    public static final int KVM_CAP_IRQCHIP = 0;
    public static final int KVM_CAP_USER_MEMORY = 3;
    public static final int KVM_CAP_PIT2 = 33;
    public static final int KVM_CAP_TSC_DEADLINE_TIMER = 72;
    public static final int KVM_CAP_IMMEDIATE_EXIT = 136;
    public static final int KVM_PIT_SPEAKER_DUMMY = 1;

    public static final int KVM_EXIT_UNKNOWN = 0;
    public static final int KVM_EXIT_EXCEPTION = 1;
    public static final int KVM_EXIT_IO = 2;
    public static final int KVM_EXIT_DEBUG = 4;
    public static final int KVM_EXIT_HLT = 5;
    public static final int KVM_EXIT_MMIO = 6;
    public static final int KVM_EXIT_SHUTDOWN = 8;
    public static final int KVM_EXIT_FAIL_ENTRY = 9;
    public static final int KVM_EXIT_INTR = 10;
    public static final int KVM_EXIT_INTERNAL_ERROR = 17;
    public static final int KVM_EXIT_SYSTEM_EVENT = 24;

    public static final int KVM_SYSTEM_EVENT_SHUTDOWN = 1;
    public static final int KVM_SYSTEM_EVENT_RESET = 2;
}
