package io.vireo.shell.network;

import io.vireo.api.Connection;
import io.vireo.api.Network;
import io.vireo.api.VirtException;
import io.vireo.shell.support.Format;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.NetworkCompleter;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

/** virsh net-info: basic information about a network; the bridge only when it has one. */
@Command(scope = "virt", name = "net-info", description = "network information")
@Service
@Parsing(VirshParser.class)
public class NetInfoCommand extends VirtAction {
    @Argument(index = 0, name = "network", description = "network name or uuid", required = true)
    @Completion(NetworkCompleter.class)
    String network;

    @Override
    protected void run(Connection conn) {
        Network n = Lookup.network(conn, network);
        PrintStream out = out();
        Format.field(out, "Name:", n.name());
        Format.field(out, "UUID:", n.uuid());
        Format.field(out, "Active:", Format.yesNo(n.isActive()));
        Format.field(out, "Persistent:", Format.yesNo(n.isPersistent()));
        Format.field(out, "Autostart:", Format.yesNo(n.autostart()));
        try {
            Format.field(out, "Bridge:", n.bridgeName());
        } catch (VirtException e) {
            // virsh prints no bridge line for a network without one.
        }
        out.println();
    }
}
