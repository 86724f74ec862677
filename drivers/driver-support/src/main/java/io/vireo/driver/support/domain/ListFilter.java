package io.vireo.driver.support.domain;

import io.vireo.api.DomainState;
import io.vireo.api.ListFlags;

/** virConnectListAllDomains' filter bits, applied to one domain. */
final class ListFilter {
    private ListFilter() {
    }

    static boolean domainMatches(int flags, boolean active, boolean persistent, boolean autostart, DomainState state) {
        return pair(flags, ListFlags.DOMAIN_ACTIVE, ListFlags.DOMAIN_INACTIVE, active)
                && pair(flags, ListFlags.DOMAIN_PERSISTENT, ListFlags.DOMAIN_TRANSIENT, persistent)
                && pair(flags, ListFlags.DOMAIN_AUTOSTART, ListFlags.DOMAIN_NO_AUTOSTART, autostart)
                && pair(flags, ListFlags.DOMAIN_MANAGEDSAVE, ListFlags.DOMAIN_NO_MANAGEDSAVE, false)
                && pair(flags, ListFlags.DOMAIN_HAS_SNAPSHOT, ListFlags.DOMAIN_NO_SNAPSHOT, false)
                && stateMatches(flags, state);
    }

    /** A yes/no filter: with neither bit or both bits set, everything matches. */
    static boolean pair(int flags, int yes, int no, boolean value) {
        boolean y = (flags & yes) != 0;
        boolean n = (flags & no) != 0;
        return y == n || (y ? value : !value);
    }

    private static boolean stateMatches(int flags, DomainState state) {
        int mask = ListFlags.DOMAIN_RUNNING | ListFlags.DOMAIN_PAUSED | ListFlags.DOMAIN_SHUTOFF | ListFlags.DOMAIN_OTHER;
        if ((flags & mask) == 0) {
            return true;
        }
        int bit = switch (state) {
            case RUNNING -> ListFlags.DOMAIN_RUNNING;
            case PAUSED -> ListFlags.DOMAIN_PAUSED;
            case SHUTOFF -> ListFlags.DOMAIN_SHUTOFF;
            default -> ListFlags.DOMAIN_OTHER;
        };
        return (flags & bit) != 0;
    }
}
