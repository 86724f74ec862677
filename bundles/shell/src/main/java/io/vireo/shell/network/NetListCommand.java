package io.vireo.shell.network;

import io.vireo.api.Connection;
import io.vireo.api.ListFlags;
import io.vireo.api.Network;
import io.vireo.api.VirtException;
import io.vireo.shell.support.Format;
import io.vireo.shell.support.Table;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** virsh net-list: active networks, or with filters any networks, by name. */
@Command(scope = "virt", name = "net-list", description = "list networks")
@Service
@Parsing(VirshParser.class)
public class NetListCommand extends VirtAction {
    @Option(name = "--inactive", description = "list inactive networks")
    boolean inactive;
    @Option(name = "--all", description = "list inactive & active networks")
    boolean all;
    @Option(name = "--persistent", description = "list persistent networks")
    boolean persistent;
    @Option(name = "--transient", description = "list transient networks")
    boolean transientOnly;
    @Option(name = "--autostart", description = "list networks with autostart enabled")
    boolean autostart;
    @Option(name = "--no-autostart", description = "list networks with autostart disabled")
    boolean noAutostart;
    @Option(name = "--uuid", description = "list uuid's only")
    boolean uuidOnly;
    @Option(name = "--name", description = "list network names only")
    boolean nameOnly;
    @Option(name = "--table", description = "list table (default)")
    boolean table;

    @Override
    protected void run(Connection conn) {
        if ((table ? 1 : 0) + (nameOnly ? 1 : 0) + (uuidOnly ? 1 : 0) > 1) {
            throw failure("Only one argument from --table, --name and --uuid may be specified.");
        }
        int flags = 0;
        if (inactive) {
            flags |= ListFlags.NETWORK_INACTIVE;
        }
        if (all) {
            flags |= ListFlags.NETWORK_INACTIVE | ListFlags.NETWORK_ACTIVE;
        }
        if (!inactive && !all) {
            flags |= ListFlags.NETWORK_ACTIVE;
        }
        flags |= (persistent ? ListFlags.NETWORK_PERSISTENT : 0) | (transientOnly ? ListFlags.NETWORK_TRANSIENT : 0)
                | (autostart ? ListFlags.NETWORK_AUTOSTART : 0) | (noAutostart ? ListFlags.NETWORK_NO_AUTOSTART : 0);
        List<Network> networks;
        try {
            networks = new ArrayList<>(conn.listAllNetworks(flags));
        } catch (VirtException e) {
            throw failure("Failed to list networks", e.getMessage());
        }
        networks.sort(Comparator.comparing(Network::name, String.CASE_INSENSITIVE_ORDER));
        if (uuidOnly || nameOnly) {
            for (Network n : networks) {
                out().println(uuidOnly ? n.uuid() : n.name());
            }
            out().println();
            return;
        }
        Table rows = new Table("Name", "State", "Autostart", "Persistent");
        for (Network n : networks) {
            String autostartText;
            try {
                autostartText = Format.yesNo(n.autostart());
            } catch (VirtException e) {
                autostartText = "no autostart";
            }
            rows.row(n.name(), n.isActive() ? "active" : "inactive", autostartText, Format.yesNo(n.isPersistent()));
        }
        rows.print(out());
        out().println();
    }
}
