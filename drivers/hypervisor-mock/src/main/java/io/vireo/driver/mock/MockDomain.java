package io.vireo.driver.mock;

import io.vireo.api.DomainState;
import io.vireo.api.spi.DomainRef;
import io.vireo.xml.domain.DomainDef;

/** One mock domain: its definition, whether it is kept on disk, and its id while running (-1 otherwise). */
final class MockDomain {
    DomainDef def;
    boolean persistent;
    int id = -1;
    int reason;

    MockDomain(DomainDef def, boolean persistent) {
        this.def = def;
        this.persistent = persistent;
    }

    String name() {
        return def.getName();
    }

    boolean isActive() {
        return id >= 0;
    }

    DomainState state() {
        return isActive() ? DomainState.RUNNING : DomainState.SHUTOFF;
    }

    DomainRef ref() {
        return new DomainRef(def.getName(), def.getUuid(), id);
    }
}
