package io.vireo.shell.domain;

import io.vireo.shell.support.Sizes;
import io.vireo.shell.support.VirtAction;

/** The size argument of setmem and setmaxmem: a scaled integer, KiB by default, given to libvirt in KiB. */
final class MemorySize {
    private MemorySize() {
    }

    /** The size in KiB, rounded up, or virsh's error for a size it cannot read. */
    static long kib(String size) {
        try {
            // libvirt takes an unsigned long of KiB; on 64-bit hosts virsh limits the bytes to ULONG_MAX.
            return Sizes.toKiB(Sizes.parse(size, 1024, Sizes.ULLONG_MAX));
        } catch (Sizes.SizeException e) {
            String first = "Scaled numeric value '" + size + "' for <size> option is malformed or out of range";
            throw e.libvirtError() == null ? VirtAction.CommandFailure.of(first)
                    : VirtAction.CommandFailure.of(first, e.libvirtError());
        }
    }
}
