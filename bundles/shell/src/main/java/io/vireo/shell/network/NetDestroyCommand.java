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

/** virsh net-destroy: stops a network; a transient one disappears. */
@Command(scope = "virt", name = "net-destroy", description = "destroy (stop) a network")
@Service
@Parsing(VirshParser.class)
public class NetDestroyCommand extends VirtAction {
    @Argument(index = 0, name = "network", description = "network name or uuid", required = true)
    @Completion(NetworkCompleter.class)
    String network;

    @Override
    protected void run(Connection conn) {
        Network n = Lookup.network(conn, network);
        try {
            n.destroy();
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to destroy network " + network, e);
        }
        out().println("Network " + network + " destroyed");
        out().println();
    }
}
