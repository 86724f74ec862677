package io.vireo.shell.snapshot;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.api.DomainSnapshot;
import io.vireo.api.VirtException;
import io.vireo.shell.support.DomainCompleter;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh snapshot-delete: deletes a snapshot, its descendants too or only them. */
@Command(scope = "virt", name = "snapshot-delete", description = "Delete a domain snapshot")
@Service
@Parsing(VirshParser.class)
public class SnapshotDeleteCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "snapshotname", description = "snapshot name")
    String snapshotName;

    @Option(name = "--current", description = "delete current snapshot")
    boolean current;
    @Option(name = "--children", description = "delete snapshot and all children")
    boolean children;
    @Option(name = "--children-only", description = "delete children but not snapshot")
    boolean childrenOnly;
    @Option(name = "--metadata", description = "delete only libvirt metadata, leaving snapshot contents behind")
    boolean metadata;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain);
        DomainSnapshot snapshot = Snapshots.lookup(d, snapshotName, current, true);
        int flags = (children ? DomainFlags.SNAPSHOT_DELETE_CHILDREN : 0)
                | (childrenOnly ? DomainFlags.SNAPSHOT_DELETE_CHILDREN_ONLY : 0)
                | (metadata ? DomainFlags.SNAPSHOT_DELETE_METADATA_ONLY : 0);
        try {
            snapshot.delete(flags);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to delete snapshot " + snapshot.name(), e);
        }
        out().println(childrenOnly ? "Domain snapshot " + snapshot.name() + " children deleted"
                : "Domain snapshot " + snapshot.name() + " deleted");
        out().println();
    }
}
