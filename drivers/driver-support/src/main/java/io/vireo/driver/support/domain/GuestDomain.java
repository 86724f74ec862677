package io.vireo.driver.support.domain;

import io.vireo.api.DomainState;
import io.vireo.api.DomainStateReason;
import io.vireo.api.spi.DomainRef;
import io.vireo.xml.domain.DomainDef;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One domain of a process-based driver. Fields are guarded by the table's lock; {@link #job} serialises
 * the operations that talk to the guest (start, destroy, pause...), which may take time, so that lookups
 * and listings never wait for a guest.
 */
final class GuestDomain {
    final ReentrantLock job = new ReentrantLock();
    /** The definition in force: the live one while running, the persistent one otherwise. */
    DomainDef def;
    /** While running: the persistent definition, to take effect at next start. */
    DomainDef pendingDef;
    boolean persistent;
    boolean autostart;
    int id = -1;
    DomainState state = DomainState.SHUTOFF;
    int reason = DomainStateReason.Reasons.UNKNOWN;
    RunningGuest guest;
    LiveRecord record;

    GuestDomain(DomainDef def) {
        this.def = def;
    }

    String name() {
        return def.getName();
    }

    boolean isActive() {
        return guest != null;
    }

    DomainRef ref() {
        return new DomainRef(def.getName(), def.getUuid(), id);
    }

    void setStateFrom(LiveRecord r) {
        state = r.state();
        reason = r.reason();
    }

    DomainDef persistentDef() {
        return pendingDef != null ? pendingDef : def;
    }
}
