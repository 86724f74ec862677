package io.vireo.driver.test;

import io.vireo.api.DomainState;
import io.vireo.api.DomainStateReason;
import io.vireo.api.spi.DomainRef;
import io.vireo.xml.domain.DomainDef;

import java.util.LinkedHashMap;
import java.util.Map;

/** One domain of the test hypervisor: its definitions, run state and snapshots. Guarded by the host's lock. */
final class TestDomain {
    /** The definition in force: the live one while running, the persistent one otherwise. */
    DomainDef def;
    /** The persistent definition to take effect at next start, when it was changed while running. */
    DomainDef newDef;
    boolean persistent;
    boolean autostart;
    int id = -1;
    DomainState state = DomainState.SHUTOFF;
    int reason = DomainStateReason.Reasons.UNKNOWN;
    final Map<String, TestSnapshot> snapshots = new LinkedHashMap<>();
    String currentSnapshot;

    TestDomain(DomainDef def) {
        this.def = def;
    }

    boolean isActive() {
        return state != DomainState.SHUTOFF;
    }

    String name() {
        return def.getName();
    }

    DomainRef ref() {
        return new DomainRef(def.getName(), def.getUuid(), id);
    }

    /** The persistent definition: the pending one while running, else the one in force. */
    DomainDef persistentDef() {
        return newDef != null ? newDef : def;
    }

    /**
     * Gives a persistent domain that starts its own copy of the definition to run with, so that live
     * changes (setmem, setvcpus) do not leak into the definition on disk, as libvirt does at start.
     */
    void keepPersistentDefApart() {
        if (persistent && newDef == null) {
            newDef = def.copy();
            newDef.setId(null);
        }
    }

    void setState(DomainState state, int reason) {
        this.state = state;
        this.reason = reason;
    }
}
