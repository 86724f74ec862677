package io.vireo.shell.snapshot;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainSnapshot;
import io.vireo.api.ListFlags;
import io.vireo.api.VirtException;
import io.vireo.shell.support.DomainCompleter;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.Table;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * virsh snapshot-list: a domain's snapshots by name, with their creation time (local time, as virsh's
 * {@code %Y-%m-%d %H:%M:%S %z}) and the state they captured, read from each snapshot's XML.
 */
@Command(scope = "virt", name = "snapshot-list", description = "List snapshots for a domain")
@Service
@Parsing(VirshParser.class)
public class SnapshotListCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Option(name = "--parent", description = "add a column showing parent snapshot")
    boolean parent;
    @Option(name = "--roots", description = "list only snapshots without parents")
    boolean roots;
    @Option(name = "--leaves", description = "list only snapshots without children")
    boolean leaves;
    @Option(name = "--no-leaves", description = "list only snapshots that are not leaves (with children)")
    boolean noLeaves;
    @Option(name = "--name", description = "list snapshot names only")
    boolean nameOnly;

    @Override
    protected void run(Connection conn) {
        exclusive(parent, "parent", roots, "roots");
        Domain d = Lookup.domain(conn, domain);
        int flags = (roots ? ListFlags.SNAPSHOT_ROOTS : 0) | (leaves ? ListFlags.SNAPSHOT_LEAVES : 0)
                | (noLeaves ? ListFlags.SNAPSHOT_NO_LEAVES : 0);
        List<DomainSnapshot> snapshots = new ArrayList<>(d.listAllSnapshots(flags));
        snapshots.sort(Comparator.comparing(DomainSnapshot::name, String.CASE_INSENSITIVE_ORDER));
        if (nameOnly) {
            for (DomainSnapshot s : snapshots) {
                out().println(s.name());
            }
            out().println();
            return;
        }
        Table table = parent ? new Table("Name", "Creation Time", "State", "Parent")
                : new Table("Name", "Creation Time", "State");
        for (DomainSnapshot s : snapshots) {
            SnapshotSummary summary;
            try {
                summary = SnapshotSummary.of(s.xmlDesc(0));
            } catch (VirtException | IllegalArgumentException e) {
                continue; // virsh skips a snapshot whose XML it cannot read
            }
            if (parent) {
                table.row(s.name(), summary.creationTime(), summary.state(), summary.parent());
            } else {
                table.row(s.name(), summary.creationTime(), summary.state());
            }
        }
        table.print(out());
        out().println();
    }
}
