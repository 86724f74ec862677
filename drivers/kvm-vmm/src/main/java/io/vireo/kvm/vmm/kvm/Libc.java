package io.vireo.kvm.vmm.kvm;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import io.vireo.kvm.vmm.StartTrace;

/**
 * The few libc calls the VMM needs, bound with JNA direct mapping: no varargs, no
 * interface proxies, no Structure arguments, so a call costs a JNI transition and
 * nothing more (KVM_RUN goes through here once per exit).
 */
public final class Libc {
    static {
        StartTrace.mark("libc-init");
        if (StartTrace.ON) {
            StartTrace.mark(Native.POINTER_SIZE == 8 ? "jna-native" : "jna-native-32");
        }
        NativeLibrary c = NativeLibrary.getInstance("c");
        StartTrace.mark("jna-libc-loaded");
        Native.register(c);
        StartTrace.mark("jna-registered");
    }

    private Libc() {
    }

    public static final int O_RDWR = 02;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_NOCTTY = 0400;
    public static final int O_NONBLOCK = 04000;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_NORESERVE = 0x4000;
    public static final int MADV_HUGEPAGE = 14;
    public static final int MADV_DONTNEED = 4;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int E2BIG = 7;

    public static native int open(String path, int flags) throws LastErrorException;

    public static native int close(int fd) throws LastErrorException;

    public static final short POLLIN = 1;

    /** poll(2) on {@code fds}: struct pollfd entries (int fd, short events, short revents), 8 bytes each, little-endian. */
    public static native int poll(byte[] fds, long nfds, int timeoutMs) throws LastErrorException;

    /** ioctl with an integer argument (or none): KVM_RUN, KVM_CREATE_VCPU, ... */
    public static native int ioctl(int fd, long request, long arg) throws LastErrorException;

    /** ioctl with a pointer to a struct laid out by hand in native memory. */
    public static native int ioctl(int fd, long request, Pointer arg) throws LastErrorException;

    public static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset)
            throws LastErrorException;

    public static native int munmap(Pointer addr, long length) throws LastErrorException;

    public static native int madvise(Pointer addr, long length, int advice) throws LastErrorException;

    public static native long read(int fd, byte[] buf, long count) throws LastErrorException;

    public static native long write(int fd, byte[] buf, long count) throws LastErrorException;

    public static native long pthread_self();

    public static native int pthread_kill(long thread, int sig);

    public static native int sigaction(int sig, Pointer act, Pointer oldact) throws LastErrorException;

    public static native int getpid();

    public static native int ptsname_r(int fd, byte[] buf, long len);

    public static native int grantpt(int fd);

    public static native int unlockpt(int fd);

    /** mmap's failure value. */
    public static boolean failed(Pointer p) {
        return Pointer.nativeValue(p) == -1L;
    }
}
