package io.vireo.shell.network;

import io.vireo.api.Connection;
import io.vireo.api.Network;
import io.vireo.api.VirtException;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.NetworkCompleter;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh net-start: starts a defined network. */
@Command(scope = "virt", name = "net-start", description = "start a (previously defined) inactive network")
@Service
@Parsing(VirshParser.class)
public class NetStartCommand extends VirtAction {
    @Argument(index = 0, name = "network", description = "network name or uuid", required = true)
    @Completion(NetworkCompleter.class)
    String network;

    @Override
    protected void run(Connection conn) {
        Network n = Lookup.network(conn, network);
        try {
            n.create();
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to start network " + network, e);
        }
        out().println("Network " + network + " started");
        out().println();
    }
}
