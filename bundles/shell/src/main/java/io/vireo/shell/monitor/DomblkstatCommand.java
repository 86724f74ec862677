package io.vireo.shell.monitor;

import io.vireo.api.BlockStats;
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

/**
 * virsh domblkstat: I/O counters of one disk of a running domain (libvirt's virDomainBlockStats, the
 * five counters virsh prints when the newer typed-parameter call is not there), one {@code DEVICE NAME
 * VALUE} line per counter the driver keeps, or with {@code --human} a {@code Device:} line and an
 * explanation per counter. Without a device the driver is asked for the whole domain (an empty name), as
 * virsh asks.
 */
@Command(scope = "virt", name = "domblkstat", description = "get device block stats for a domain",
        detailedDescription = "Get device block stats for a running domain. See man page or use --human for "
                + "explanation of fields")
@Service
@Parsing(VirshParser.class)
public class DomblkstatCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "device", description = "block device")
    String device;

    @Option(name = "--human", description = "print a more human readable output")
    boolean human;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain);
        String dev = device == null ? "" : device;
        BlockStats s;
        try {
            s = d.blockStats(dev);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to get block stats " + d.name() + " " + dev, e);
        }
        PrintStream out = out();
        String prefix = dev;
        if (human) {
            out.println("Device: " + dev);
            prefix = "";
        }
        print(out, prefix, "rd_req", "number of read operations:", s.readRequests());
        print(out, prefix, "rd_bytes", "number of bytes read:", s.readBytes());
        print(out, prefix, "wr_req", "number of write operations:", s.writeRequests());
        print(out, prefix, "wr_bytes", "number of bytes written:", s.writeBytes());
        print(out, prefix, "errs", "error count:", s.errors());
        out.println();
    }

    /** virsh's {@code "%s %-*s %lld\n"}: counters the driver does not keep (-1) are left out. */
    private void print(PrintStream out, String prefix, String legacy, String explained, long value) {
        if (value >= 0) {
            String field = human ? String.format("%-31s", explained) : legacy;
            out.println(prefix + " " + field + " " + value);
        }
    }
}
