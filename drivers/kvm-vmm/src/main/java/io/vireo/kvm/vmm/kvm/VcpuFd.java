package io.vireo.kvm.vmm.kvm;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * A vCPU file descriptor and its kvm_run page. {@link #run()} is the hot path: one direct
 * JNA call, and the exit is decoded from {@link #kvmRun()} by the caller.
 */
public final class VcpuFd implements AutoCloseable {
    private final int id;
    private final int fd;
    private final KvmRun run;

    VcpuFd(int id, int fd, KvmRun run) {
        this.id = id;
        this.fd = fd;
        this.run = run;
    }

    public int id() {
        return id;
    }

    public KvmRun kvmRun() {
        return run;
    }

    /** KVM_RUN: returns 0, or the errno (EINTR/EAGAIN) when a kick interrupted it. */
    public int run() {
        try {
            Libc.ioctl(fd, KvmIoctls.KVM_RUN, 0L);
            return 0;
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == Libc.EINTR || errno == Libc.EAGAIN) {
                return errno;
            }
            throw new KvmException("KVM_RUN", errno);
        }
    }

    public Memory get(long req, int size, String what) {
        Memory m = new Memory(size);
        m.clear();
        call(req, m, what);
        return m;
    }

    public void set(long req, Pointer p, String what) {
        call(req, p, what);
    }

    private void call(long req, Pointer p, String what) {
        try {
            Libc.ioctl(fd, req, p);
        } catch (LastErrorException e) {
            throw new KvmException(what + " (vcpu " + id + ")", e.getErrorCode());
        }
    }

    @Override
    public void close() {
        run.unmap();
        Libc.close(fd);
    }
}
