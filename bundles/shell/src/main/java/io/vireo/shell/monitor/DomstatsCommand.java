package io.vireo.shell.monitor;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainStatsGroups;
import io.vireo.api.DomainStatsRecord;
import io.vireo.api.ListFlags;
import io.vireo.api.TypedParameter;
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

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * virsh domstats: statistics of several domains in one call (virConnectGetAllDomainStats, or
 * virDomainListGetStats for the domains named), printed as virsh prints them: a {@code Domain: 'NAME'}
 * line, one {@code   field=value} line per statistic, and an empty line. No group option means every
 * group the driver reports.
 */
@Command(scope = "virt", name = "domstats", description = "get statistics about one or multiple domains",
        detailedDescription = "Gets statistics about one or more (or all) domains")
@Service
@Parsing(VirshParser.class)
public class DomstatsCommand extends VirtAction {
    @Option(name = "--state", description = "report domain state")
    boolean state;
    @Option(name = "--cpu-total", description = "report domain physical cpu usage")
    boolean cpuTotal;
    @Option(name = "--balloon", description = "report domain balloon statistics")
    boolean balloon;
    @Option(name = "--vcpu", description = "report domain virtual cpu information")
    boolean vcpu;
    @Option(name = "--interface", description = "report domain network interface information")
    boolean iface;
    @Option(name = "--block", description = "report domain block device statistics")
    boolean block;
    @Option(name = "--list-active", description = "list only active domains")
    boolean listActive;
    @Option(name = "--list-inactive", description = "list only inactive domains")
    boolean listInactive;
    @Option(name = "--list-persistent", description = "list only persistent domains")
    boolean listPersistent;
    @Option(name = "--list-transient", description = "list only transient domains")
    boolean listTransient;
    @Option(name = "--list-running", description = "list only running domains")
    boolean listRunning;
    @Option(name = "--list-paused", description = "list only paused domains")
    boolean listPaused;
    @Option(name = "--list-shutoff", description = "list only shutoff domains")
    boolean listShutoff;
    @Option(name = "--list-other", description = "list only domains in other states")
    boolean listOther;
    @Option(name = "--raw", description = "do not pretty-print the fields")
    boolean raw;
    @Option(name = "--enforce", description = "enforce requested stats parameters")
    boolean enforce;
    @Option(name = "--backing", description = "add backing chain information to block stats")
    boolean backing;
    @Option(name = "--nowait", description = "report only stats that are accessible instantly")
    boolean nowait;

    @Argument(index = 0, name = "domain", description = "list of domains to get stats for", multiValued = true)
    @Completion(DomainCompleter.class)
    List<String> domains;

    @Override
    protected void run(Connection conn) {
        int stats = (state ? DomainStatsGroups.STATE : 0) | (cpuTotal ? DomainStatsGroups.CPU_TOTAL : 0)
                | (balloon ? DomainStatsGroups.BALLOON : 0) | (vcpu ? DomainStatsGroups.VCPU : 0)
                | (iface ? DomainStatsGroups.INTERFACE : 0) | (block ? DomainStatsGroups.BLOCK : 0);
        int flags = (listActive ? ListFlags.DOMAIN_ACTIVE : 0) | (listInactive ? ListFlags.DOMAIN_INACTIVE : 0)
                | (listPersistent ? ListFlags.DOMAIN_PERSISTENT : 0) | (listTransient ? ListFlags.DOMAIN_TRANSIENT : 0)
                | (listRunning ? ListFlags.DOMAIN_RUNNING : 0) | (listPaused ? ListFlags.DOMAIN_PAUSED : 0)
                | (listShutoff ? ListFlags.DOMAIN_SHUTOFF : 0) | (listOther ? ListFlags.DOMAIN_OTHER : 0)
                | (enforce ? DomainStatsGroups.ENFORCE_STATS : 0) | (backing ? DomainStatsGroups.BACKING : 0)
                | (nowait ? DomainStatsGroups.NOWAIT : 0);
        List<Domain> named = new ArrayList<>();
        if (domains != null) {
            for (String d : domains) {
                named.add(Lookup.domain(conn, d));
            }
        }
        PrintStream out = out();
        for (DomainStatsRecord r : conn.getAllDomainStats(named, stats, flags)) {
            out.println("Domain: '" + r.domain().name() + "'");
            for (TypedParameter p : r.params()) {
                out.println("  " + p.name() + "=" + (raw ? p.text() : pretty(p)));
            }
            out.println();
        }
    }

    /** virsh's non-raw form: doubles with two decimals, the rest as raw. */
    private static String pretty(TypedParameter p) {
        return p.type() == TypedParameter.Type.DOUBLE ? String.format(java.util.Locale.ROOT, "%.2f", (Double) p.value())
                : p.text();
    }
}
