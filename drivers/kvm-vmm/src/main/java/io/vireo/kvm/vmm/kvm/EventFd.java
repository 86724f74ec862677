package io.vireo.kvm.vmm.kvm;

import com.sun.jna.LastErrorException;

/**
 * An eventfd(2) counter: {@link #signal()} adds one, {@link #await()} blocks until the counter is
 * non-zero and takes it. KVM can signal it for a guest's MMIO write (KVM_IOEVENTFD), so a device
 * thread hears the guest without the vCPU leaving the kernel.
 */
public final class EventFd implements AutoCloseable {
    private static final byte[] ONE = {1, 0, 0, 0, 0, 0, 0, 0};
    private final int fd;
    private final byte[] buf = new byte[8];
    private boolean closed;

    public EventFd() {
        try {
            fd = Libc.eventfd(0, Libc.EFD_CLOEXEC);
        } catch (LastErrorException e) {
            throw new KvmException("eventfd", e.getErrorCode());
        }
    }

    public int fd() {
        return fd;
    }

    /** Adds one to the counter, waking a thread in {@link #await()}. */
    public void signal() {
        while (true) {
            try {
                Libc.write(fd, ONE, 8);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Libc.EINTR) {
                    throw new KvmException("eventfd write", e.getErrorCode());
                }
            }
        }
    }

    /** Blocks until the counter is non-zero; returns it and sets it to zero. Only one thread may wait. */
    public long await() {
        while (true) {
            try {
                Libc.read(fd, buf, 8);
                long v = 0;
                for (int i = 7; i >= 0; i--) {
                    v = (v << 8) | (buf[i] & 0xff);
                }
                return v;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Libc.EINTR) {
                    throw new KvmException("eventfd read", e.getErrorCode());
                }
            }
        }
    }

    /** Closes the descriptor; no thread may be in {@link #await()} or {@link #signal()} any more. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }
}
