package io.vireo.kvm.vmm.kvm;

/** A failed /dev/kvm operation, with the errno that the kernel returned. */
public class KvmException extends RuntimeException {
    private final int errno;

    public KvmException(String what, int errno) {
        super(what + " failed: errno " + errno);
        this.errno = errno;
    }

    public KvmException(String what) {
        super(what);
        this.errno = 0;
    }

    public int errno() {
        return errno;
    }
}
