package io.vireo.shell.monitor;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.InterfaceStats;
import io.vireo.api.VirtException;
import io.vireo.shell.support.DomainCompleter;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

/**
 * virsh domifstat: traffic counters of one interface of a running domain, named by its host-side device
 * or MAC address (libvirt's virDomainInterfaceStats), one {@code INTERFACE NAME VALUE} line per counter the
 * driver keeps.
 */
@Command(scope = "virt", name = "domifstat", description = "get network interface stats for a domain",
        detailedDescription = "Get network interface stats for a running domain.")
@Service
@Parsing(VirshParser.class)
public class DomifstatCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "interface", description = "interface device specified by name or MAC Address",
            required = true)
    String iface;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain);
        if (iface.isEmpty()) {
            throw failure("Failed to get option 'interface': Option argument is empty");
        }
        InterfaceStats s;
        try {
            s = d.interfaceStats(iface);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to get interface stats " + d.name() + " " + iface, e);
        }
        PrintStream out = out();
        print(out, "rx_bytes", s.rxBytes());
        print(out, "rx_packets", s.rxPackets());
        print(out, "rx_errs", s.rxErrors());
        print(out, "rx_drop", s.rxDrops());
        print(out, "tx_bytes", s.txBytes());
        print(out, "tx_packets", s.txPackets());
        print(out, "tx_errs", s.txErrors());
        print(out, "tx_drop", s.txDrops());
        out.println();
    }

    private void print(PrintStream out, String name, long value) {
        if (value >= 0) {
            out.println(iface + " " + name + " " + value);
        }
    }
}
