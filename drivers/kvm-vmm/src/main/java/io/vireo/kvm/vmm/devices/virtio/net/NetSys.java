package io.vireo.kvm.vmm.devices.virtio.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/** The libc calls a tap's network setup needs beyond the VMM's own: entering a namespace, an ioctl socket. */
final class NetSys {
    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    static final int CLONE_NEWNET = 0x40000000;
    static final int AF_UNIX = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 02000000;
    static final int O_RDONLY = 0;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EBUSY = 16;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int EOPNOTSUPP = 95;

    private NetSys() {
    }

    static native int setns(int fd, int nstype) throws LastErrorException;

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    /** A short description of errno {@code code}, as strerror words it for the ones tap setup meets. */
    static String describe(int code) {
        return switch (code) {
            case EPERM -> "Operation not permitted";
            case ENOENT -> "No such file or directory";
            case EBUSY -> "Device or resource busy";
            case EEXIST -> "File exists";
            case ENODEV -> "No such device";
            case EINVAL -> "Invalid argument";
            case EOPNOTSUPP -> "Operation not supported";
            default -> "errno " + code;
        };
    }
}
