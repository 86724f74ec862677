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
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh net-autostart: marks (or with --disable unmarks) a network to start with the host. */
@Command(scope = "virt", name = "net-autostart", description = "autostart a network")
@Service
@Parsing(VirshParser.class)
public class NetAutostartCommand extends VirtAction {
    @Argument(index = 0, name = "network", description = "network name or uuid", required = true)
    @Completion(NetworkCompleter.class)
    String network;

    @Option(name = "--disable", description = "disable autostarting")
    boolean disable;

    @Override
    protected void run(Connection conn) {
        Network n = Lookup.network(conn, network);
        try {
            n.setAutostart(!disable);
        } catch (VirtException e) {
            throw CommandFailure.wrap(disable ? "failed to unmark network " + network + " as autostarted"
                    : "failed to mark network " + network + " as autostarted", e);
        }
        out().println(disable ? "Network " + network + " unmarked as autostarted"
                : "Network " + network + " marked as autostarted");
        out().println();
    }
}
