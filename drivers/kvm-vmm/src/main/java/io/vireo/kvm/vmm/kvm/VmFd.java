package io.vireo.kvm.vmm.kvm;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/** A KVM VM file descriptor. Setup-time calls use small hand-laid native structs. */
public final class VmFd implements AutoCloseable {
    private final Kvm kvm;
    private final int fd;
    private final Memory irqLevel = new Memory(8);

    VmFd(Kvm kvm, int fd) {
        this.kvm = kvm;
        this.fd = fd;
    }

    public int fd() {
        return fd;
    }

    public Kvm kvm() {
        return kvm;
    }

    public void setTssAddr(long addr) {
        ioctl(KvmIoctls.KVM_SET_TSS_ADDR, addr, "KVM_SET_TSS_ADDR");
    }

    public void setIdentityMapAddr(long addr) {
        Memory m = new Memory(8);
        m.setLong(0, addr);
        ioctl(KvmIoctls.KVM_SET_IDENTITY_MAP_ADDR, m, "KVM_SET_IDENTITY_MAP_ADDR");
    }

    public void createIrqchip() {
        ioctl(KvmIoctls.KVM_CREATE_IRQCHIP, 0, "KVM_CREATE_IRQCHIP");
    }

    public void createPit2() {
        Memory m = new Memory(64);
        m.clear();
        m.setInt(0, KvmIoctls.KVM_PIT_SPEAKER_DUMMY);
        ioctl(KvmIoctls.KVM_CREATE_PIT2, m, "KVM_CREATE_PIT2");
    }

    /** struct kvm_userspace_memory_region {u32 slot, u32 flags, u64 gpa, u64 size, u64 uaddr}. */
    public void setUserMemoryRegion(int slot, long gpa, long size, Pointer host) {
        Memory m = new Memory(32);
        m.setInt(0, slot);
        m.setInt(4, 0);
        m.setLong(8, gpa);
        m.setLong(16, size);
        m.setLong(24, Pointer.nativeValue(host));
        ioctl(KvmIoctls.KVM_SET_USER_MEMORY_REGION, m, "KVM_SET_USER_MEMORY_REGION");
    }

    /** Drives an interrupt line of the in-kernel PIC/IOAPIC (GSI n = ISA IRQ n). */
    public synchronized void irqLine(int irq, boolean level) {
        irqLevel.setInt(0, irq);
        irqLevel.setInt(4, level ? 1 : 0);
        ioctl(KvmIoctls.KVM_IRQ_LINE, irqLevel, "KVM_IRQ_LINE");
    }

    /**
     * Whether the guest has unmasked IOAPIC pin {@code pin}, i.e. a driver of its listens on that GSI
     * (KVM_GET_IRQCHIP: kvm_ioapic_state's redirection table starts at byte 24, 8 bytes an entry, mask bit 16).
     */
    public boolean ioapicPinUnmasked(int pin) {
        if (pin < 0 || pin >= 24) {
            throw new IllegalArgumentException("IOAPIC pin " + pin);
        }
        Memory m = new Memory(520);
        m.clear();
        m.setInt(0, KvmIoctls.KVM_IRQCHIP_IOAPIC);
        ioctl(KvmIoctls.KVM_GET_IRQCHIP, m, "KVM_GET_IRQCHIP");
        long entry = m.getLong(8 + 24 + 8L * pin);
        return (entry & (1L << 16)) == 0;
    }

    public VcpuFd createVcpu(int id, int mmapSize) {
        int vfd = ioctl(KvmIoctls.KVM_CREATE_VCPU, id, "KVM_CREATE_VCPU");
        Pointer run;
        try {
            run = Libc.mmap(null, mmapSize, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, vfd, 0);
        } catch (LastErrorException e) {
            Libc.close(vfd);
            throw new KvmException("mmap kvm_run", e.getErrorCode());
        }
        return new VcpuFd(id, vfd, new KvmRun(run, mmapSize));
    }

    private int ioctl(long req, long arg, String what) {
        try {
            return Libc.ioctl(fd, req, arg);
        } catch (LastErrorException e) {
            throw new KvmException(what, e.getErrorCode());
        }
    }

    private int ioctl(long req, Pointer arg, String what) {
        try {
            return Libc.ioctl(fd, req, arg);
        } catch (LastErrorException e) {
            throw new KvmException(what, e.getErrorCode());
        }
    }

    @Override
    public void close() {
        Libc.close(fd);
    }
}
