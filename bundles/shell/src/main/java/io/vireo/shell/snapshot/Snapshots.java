package io.vireo.shell.snapshot;

import io.vireo.api.Domain;
import io.vireo.api.DomainSnapshot;
import io.vireo.shell.support.VirtAction;

/** virsh's way of naming the snapshot a command works on: by name, or with --current the current one. */
final class Snapshots {
    private Snapshots() {
    }

    /**
     * The snapshot called {@code name}, or the current one when {@code current} is set. With
     * {@code exclusive}, naming one and asking for the current one is an error, as in snapshot-delete.
     */
    static DomainSnapshot lookup(Domain d, String name, boolean current, boolean exclusive) {
        if (exclusive && current && name != null) {
            throw VirtAction.CommandFailure.of("--snapshotname and --current are mutually exclusive");
        }
        if (name != null) {
            return d.lookupSnapshotByName(name);
        }
        if (current) {
            return d.currentSnapshot();
        }
        throw VirtAction.CommandFailure.of("--snapshotname or --current is required");
    }
}
