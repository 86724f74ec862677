package io.vireo.shell.monitor;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
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

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;

/**
 * virsh cpu-stats, the domain's total only (libvirt's virDomainGetCPUStats with start_cpu -1): a
 * {@code Total:} line, then each statistic as virsh prints it ({@code cpu_time}, {@code user_time},
 * {@code system_time} in seconds with nine decimals). Vireo has no per-CPU statistics, so the output is
 * always what virsh prints with {@code --total}, and {@code --start}/{@code --count} are not offered.
 */
@Command(scope = "virt", name = "cpu-stats", description = "show domain cpu statistics",
        detailedDescription = "Display total statistics about the domain's CPUs. Only the total is shown "
                + "(as virsh cpu-stats --total): per-CPU statistics are not available, with or without --total.")
@Service
@Parsing(VirshParser.class)
public class CpuStatsCommand extends VirtAction {
    /** The statistics virsh prints as times (nanoseconds as seconds). */
    private static final Set<String> TIMES = Set.of("cpu_time", "vcpu_time", "user_time", "system_time");

    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Option(name = "--total", description = "Show total statistics only (the only statistics shown here)")
    boolean total;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain);
        Map<String, Long> stats;
        try {
            stats = d.cpuStats();
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to retrieve CPU statistics for domain '" + d.name() + "'", e);
        }
        PrintStream out = out();
        if (stats.isEmpty()) {
            out.println("No total stats available");
            return;
        }
        out.println("Total:");
        stats.forEach((name, value) -> out.println(field(name, value)));
        out.println();
    }

    /** virsh's vshCPUStatsPrintField: {@code "\t%-12s %9lld.%09lld seconds"} for times, else the number. */
    static String field(String name, long value) {
        String head = String.format("\t%-12s ", name);
        if (TIMES.contains(name)) {
            return head + String.format("%9d.%09d seconds", Long.divideUnsigned(value, 1_000_000_000L),
                    Long.remainderUnsigned(value, 1_000_000_000L));
        }
        return head + Long.toUnsignedString(value);
    }
}
