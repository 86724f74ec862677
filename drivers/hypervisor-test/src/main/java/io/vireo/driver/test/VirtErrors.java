package io.vireo.driver.test;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;

/** Errors the test driver raises in other error domains than its own, as libvirt does. */
final class VirtErrors {
    private VirtErrors() {
    }

    static VirtException noSnapshot(String name) {
        return VirtException.of(ErrorCode.NO_DOMAIN_SNAPSHOT, ErrorDomain.DOMAIN_SNAPSHOT,
                "no domain snapshot with matching name '%s'", name);
    }
}
