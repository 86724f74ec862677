package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.ListFlags;
import io.vireo.api.VirtException;
import io.vireo.shell.support.Table;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** virsh list: running domains, or with filters any domains, sorted as virsh sorts them. */
@Command(scope = "virt", name = "list", description = "list domains")
@Service
@Parsing(VirshParser.class)
public class ListCommand extends VirtAction {
    @Option(name = "--all", description = "list inactive & active domains")
    boolean all;
    @Option(name = "--inactive", description = "list inactive domains")
    boolean inactive;
    @Option(name = "--persistent", description = "include persistent domains")
    boolean persistent;
    @Option(name = "--transient", description = "include transient domains")
    boolean transientOnly;
    @Option(name = "--autostart", description = "list domains with autostart enabled")
    boolean autostart;
    @Option(name = "--no-autostart", description = "list domains with autostart disabled")
    boolean noAutostart;
    @Option(name = "--with-snapshot", description = "list domains with existing snapshot")
    boolean withSnapshot;
    @Option(name = "--without-snapshot", description = "list domains without a snapshot")
    boolean withoutSnapshot;
    @Option(name = "--state-running", description = "list domains in running state")
    boolean running;
    @Option(name = "--state-paused", description = "list domains in paused state")
    boolean paused;
    @Option(name = "--state-shutoff", description = "list domains in shutoff state")
    boolean shutoff;
    @Option(name = "--state-other", description = "list domains in other states")
    boolean other;
    @Option(name = "--uuid", description = "list uuid's only")
    boolean uuidOnly;
    @Option(name = "--name", description = "list domain names only")
    boolean nameOnly;
    @Option(name = "--table", description = "list table (default)")
    boolean table;

    /** virsh's order: running domains by ID, then inactive ones by name, ignoring case. */
    static final Comparator<Domain> VIRSH_ORDER = Comparator
            .comparing((Domain d) -> d.id() < 0)
            .thenComparingInt(d -> d.id() < 0 ? 0 : d.id())
            .thenComparing(Domain::name, String.CASE_INSENSITIVE_ORDER);

    @Override
    protected void run(Connection conn) {
        exclusive(table, "table", nameOnly, "name");
        exclusive(table, "table", uuidOnly, "uuid");
        int flags = 0;
        if (!all && !inactive) {
            flags |= ListFlags.DOMAIN_ACTIVE;
        } else if (inactive && !all) {
            flags |= ListFlags.DOMAIN_INACTIVE;
        }
        flags |= bit(persistent, ListFlags.DOMAIN_PERSISTENT) | bit(transientOnly, ListFlags.DOMAIN_TRANSIENT)
                | bit(autostart, ListFlags.DOMAIN_AUTOSTART) | bit(noAutostart, ListFlags.DOMAIN_NO_AUTOSTART)
                | bit(withSnapshot, ListFlags.DOMAIN_HAS_SNAPSHOT) | bit(withoutSnapshot, ListFlags.DOMAIN_NO_SNAPSHOT)
                | bit(running, ListFlags.DOMAIN_RUNNING) | bit(paused, ListFlags.DOMAIN_PAUSED)
                | bit(shutoff, ListFlags.DOMAIN_SHUTOFF) | bit(other, ListFlags.DOMAIN_OTHER);
        if ((running || paused || shutoff || other) && !inactive) {
            flags &= ~ListFlags.DOMAIN_ACTIVE;
        }
        List<Domain> domains;
        try {
            domains = new ArrayList<>(conn.listAllDomains(flags));
        } catch (VirtException e) {
            throw failure("Failed to list domains", e.getMessage());
        }
        domains.sort(VIRSH_ORDER);
        if (uuidOnly || nameOnly) {
            for (Domain d : domains) {
                out().println(uuidOnly && nameOnly ? d.uuid() + " " + d.name() : uuidOnly ? d.uuid() : d.name());
            }
            out().println();
            return;
        }
        Table rows = new Table("Id", "Name", "State");
        for (Domain d : domains) {
            int id = d.id();
            rows.row(id < 0 ? "-" : Integer.toString(id), d.name(), d.state().state().label());
        }
        rows.print(out());
        out().println();
    }

    private static int bit(boolean set, int bit) {
        return set ? bit : 0;
    }
}
