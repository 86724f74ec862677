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

/** virsh net-undefine: removes a network's persistent definition. */
@Command(scope = "virt", name = "net-undefine", description = "undefine a persistent network")
@Service
@Parsing(VirshParser.class)
public class NetUndefineCommand extends VirtAction {
    @Argument(index = 0, name = "network", description = "network name or uuid", required = true)
    @Completion(NetworkCompleter.class)
    String network;

    @Override
    protected void run(Connection conn) {
        Network n = Lookup.network(conn, network);
        try {
            n.undefine();
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to undefine network " + network, e);
        }
        out().println("Network " + network + " has been undefined");
        out().println();
    }
}
