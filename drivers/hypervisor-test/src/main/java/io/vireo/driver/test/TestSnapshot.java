package io.vireo.driver.test;

import io.vireo.xml.snapshot.SnapshotDef;

/** A snapshot of a test domain: its definition, which embeds the domain as it was. */
record TestSnapshot(SnapshotDef def) {
    String name() {
        return def.getName();
    }

    String parent() {
        return def.getParent();
    }
}
