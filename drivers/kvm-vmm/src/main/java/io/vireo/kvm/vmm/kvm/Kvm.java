package io.vireo.kvm.vmm.kvm;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The /dev/kvm system file descriptor: capability checks, VM creation, supported CPUID. */
public final class Kvm implements AutoCloseable {
    public static final String DEVICE = "/dev/kvm";
    private final int fd;

    private Kvm(int fd) {
        this.fd = fd;
    }

    public static Kvm open() {
        int fd;
        try {
            fd = Libc.open(DEVICE, Libc.O_RDWR | Libc.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new KvmException("open " + DEVICE, e.getErrorCode());
        }
        Kvm kvm = new Kvm(fd);
        int api = kvm.ioctl(KvmIoctls.KVM_GET_API_VERSION, 0, "KVM_GET_API_VERSION");
        if (api != KvmIoctls.KVM_API_VERSION) {
            kvm.close();
            throw new KvmException("unsupported KVM API version " + api);
        }
        for (int cap : new int[] {KvmIoctls.KVM_CAP_IRQCHIP, KvmIoctls.KVM_CAP_USER_MEMORY,
                KvmIoctls.KVM_CAP_PIT2, KvmIoctls.KVM_CAP_IMMEDIATE_EXIT}) {
            if (kvm.checkExtension(cap) <= 0) {
                kvm.close();
                throw new KvmException("KVM lacks required capability " + cap);
            }
        }
        return kvm;
    }

    /** True when /dev/kvm exists and is usable by this process. */
    public static boolean available() {
        return Files.isReadable(Path.of(DEVICE)) && Files.isWritable(Path.of(DEVICE));
    }

    /**
     * PVM (kvm_pvm) backs /dev/kvm with software virtualisation: guest ring-0 code is
     * emulated at microseconds per instruction, so stock kernels take hours to boot.
     */
    public static boolean isPvm() {
        String cpuinfo;
        try {
            cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            cpuinfo = "";
        }
        return isPvm(Path.of("/sys/module"), cpuinfo);
    }

    /**
     * The detection behind {@link #isPvm()}, on a given /sys/module and /proc/cpuinfo: PVM when
     * kvm_pvm is loaded and no hardware vendor module (kvm_intel, kvm_amd) is, or when kvm is
     * loaded on a CPU without VMX and SVM (then nothing but a software backend can serve /dev/kvm).
     */
    static boolean isPvm(Path sysModule, String cpuinfo) {
        boolean pvm = Files.isDirectory(sysModule.resolve("kvm_pvm"));
        boolean hardware = Files.isDirectory(sysModule.resolve("kvm_intel"))
                || Files.isDirectory(sysModule.resolve("kvm_amd"));
        if (pvm && !hardware) {
            return true;
        }
        String flags = null;
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("flags")) {
                flags = " " + line.substring(line.indexOf(':') + 1).trim() + " ";
                break;
            }
        }
        boolean hardwareVirt = flags == null || flags.contains(" vmx ") || flags.contains(" svm ");
        return !hardwareVirt && (pvm || Files.isDirectory(sysModule.resolve("kvm")));
    }

    public int fd() {
        return fd;
    }

    public int checkExtension(int cap) {
        return ioctl(KvmIoctls.KVM_CHECK_EXTENSION, cap, "KVM_CHECK_EXTENSION");
    }

    public int vcpuMmapSize() {
        return ioctl(KvmIoctls.KVM_GET_VCPU_MMAP_SIZE, 0, "KVM_GET_VCPU_MMAP_SIZE");
    }

    public VmFd createVm() {
        return new VmFd(this, ioctl(KvmIoctls.KVM_CREATE_VM, 0, "KVM_CREATE_VM"));
    }

    /** struct kvm_cpuid2 with the host's supported leaves (40-byte entries after an 8-byte header). */
    public Memory supportedCpuid() {
        for (int n = 256; ; n *= 2) {
            Memory m = new Memory(8 + 40L * n);
            m.clear();
            m.setInt(0, n);
            try {
                Libc.ioctl(fd, KvmIoctls.KVM_GET_SUPPORTED_CPUID, m);
                return m;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Libc.E2BIG || n > 4096) {
                    throw new KvmException("KVM_GET_SUPPORTED_CPUID", e.getErrorCode());
                }
            }
        }
    }

    int ioctl(long req, long arg, String what) {
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
