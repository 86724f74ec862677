package io.vireo.driver.test;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;

/** The test driver's errors, worded as libvirt's test driver words them. */
final class Errors {
    private Errors() {
    }

    static VirtException of(ErrorCode code, String format, Object... args) {
        return VirtException.of(code, ErrorDomain.TEST, String.format(format, args));
    }

    /**
     * libvirt's virCheckFlags: the bits a driver function does not know are refused with the function's
     * name. Like libvirt's other argument checks, the message has no prefix.
     */
    static void checkFlags(int flags, int allowed, String function) {
        int unknown = flags & ~allowed;
        if (unknown != 0) {
            throw invalidArg(String.format("unsupported flags (0x%x) in function %s", unknown, function));
        }
    }

    /** An argument error worded entirely by the caller, as libvirt's virReportInvalidArg family words them. */
    static VirtException invalidArg(String message) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.TEST, message);
    }

    /** libvirt's VIR_EXCLUSIVE_FLAGS checks, naming both flags. */
    static void exclusiveFlags(int flags, int a, String nameA, int b, String nameB) {
        if ((flags & a) != 0 && (flags & b) != 0) {
            throw invalidArg("Flags '" + nameA + "' and '" + nameB + "' are mutually exclusive");
        }
    }

    static VirtException notRunning() {
        return of(ErrorCode.OPERATION_INVALID, "domain is not running");
    }

    static VirtException noDomainName(String name) {
        return of(ErrorCode.NO_DOMAIN, "no domain with matching name '%s'", name);
    }

    /** A missing snapshot, reported in the snapshot error domain as libvirt does. */
    static VirtException noSnapshot(String name) {
        return VirtException.of(ErrorCode.NO_DOMAIN_SNAPSHOT, ErrorDomain.DOMAIN_SNAPSHOT,
                "no domain snapshot with matching name '%s'", name);
    }
}
