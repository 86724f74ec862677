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

    static VirtException notRunning() {
        return of(ErrorCode.OPERATION_INVALID, "domain is not running");
    }

    static VirtException noDomainName(String name) {
        return of(ErrorCode.NO_DOMAIN, "no domain with matching name '%s'", name);
    }
}
