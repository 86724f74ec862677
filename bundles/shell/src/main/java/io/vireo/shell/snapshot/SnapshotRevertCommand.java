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

/** virsh snapshot-revert: puts a domain back to a snapshot's state. */
@Command(scope = "virt", name = "snapshot-revert", description = "Revert a domain to a snapshot")
@Service
@Parsing(VirshParser.class)
public class SnapshotRevertCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "snapshotname", description = "snapshot name")
    String snapshotName;

    @Option(name = "--current", description = "revert to current snapshot")
    boolean current;
    @Option(name = "--running", description = "after reverting, change state to running")
    boolean running;
    @Option(name = "--paused", description = "after reverting, change state to paused")
    boolean paused;
    @Option(name = "--force", description = "try harder on risky reverts")
    boolean force;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain);
        int flags = (running ? DomainFlags.SNAPSHOT_REVERT_RUNNING : 0)
                | (paused ? DomainFlags.SNAPSHOT_REVERT_PAUSED : 0) | (force ? DomainFlags.SNAPSHOT_REVERT_FORCE : 0);
        DomainSnapshot snapshot = Snapshots.lookup(d, snapshotName, current, false);
        try {
            snapshot.revert(flags);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to revert snapshot " + snapshot.name(), e);
        }
        out().println("Domain snapshot " + snapshot.name() + " reverted");
        out().println();
    }
}
