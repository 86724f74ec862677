package io.vireo.shell.monitor;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
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

import java.util.Map;
import java.util.Set;

/**
 * virsh dommemstat: the memory statistics of a running domain (libvirt's virDomainMemoryStats), one
 * {@code NAME VALUE} line per statistic libvirt names, in the order the driver reports them (libvirt's
 * tag order), values in KiB ({@code last_update} in seconds). With {@code --period N} it sets how often
 * the guest's balloon driver reports them instead (virDomainSetMemoryStatsPeriod; 0 stops it), on the
 * running domain ({@code --live}, the default for one that runs), its definition ({@code --config}) or both.
 */
@Command(scope = "virt", name = "dommemstat", description = "get memory statistics for a domain",
        detailedDescription = "Get memory statistics for a running domain.")
@Service
@Parsing(VirshParser.class)
public class DommemstatCommand extends VirtAction {
    /** The statistics virsh 9.0 prints (virDomainMemoryStatTags); others are left out, as virsh does. */
    static final Set<String> KNOWN = Set.of("swap_in", "swap_out", "major_fault", "minor_fault", "unused",
            "available", "usable", "actual", "rss", "last_update", "disk_caches", "hugetlb_pgalloc",
            "hugetlb_pgfail");

    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Option(name = "--config", description = "affect next boot")
    boolean config;
    @Option(name = "--live", description = "affect running domain")
    boolean live;
    @Option(name = "--current", description = "affect current domain")
    boolean current;
    @Option(name = "--period", description = "period in seconds to set collection")
    String period;

    @Override
    protected void run(Connection conn) {
        exclusive(current, "current", live, "live");
        exclusive(current, "current", config, "config");
        Domain d = Lookup.domain(conn, domain);
        if (period != null) {
            setPeriod(d);
            return;
        }
        Map<String, Long> stats;
        try {
            stats = d.memoryStats();
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to get memory statistics for domain " + d.name(), e);
        }
        stats.forEach((name, value) -> {
            if (KNOWN.contains(name)) {
                out().println(name + " " + Long.toUnsignedString(value));
            }
        });
        out().println();
    }

    private void setPeriod(Domain d) {
        int flags = (live ? DomainFlags.AFFECT_LIVE : 0) | (config ? DomainFlags.AFFECT_CONFIG : 0);
        if (!current && !live && !config && d.isActive()) {
            flags |= DomainFlags.AFFECT_LIVE;
        }
        int seconds;
        try {
            seconds = Integer.parseInt(period.stripLeading());
        } catch (NumberFormatException e) {
            throw failure("Numeric value '" + period + "' for <period> option is malformed or out of range");
        }
        if (seconds < 0) {
            throw failure("Invalid collection period value '" + seconds + "'");
        }
        try {
            d.setMemoryStatsPeriod(seconds, flags);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Unable to change balloon collection period.", e);
        }
        out().println();
    }
}
