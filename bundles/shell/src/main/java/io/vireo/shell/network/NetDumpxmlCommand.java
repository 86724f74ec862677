package io.vireo.shell.network;

import io.vireo.api.Connection;
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

/** virsh net-dumpxml: a network's XML, live or (with --inactive) as it is defined. */
@Command(scope = "virt", name = "net-dumpxml", description = "network information in XML")
@Service
@Parsing(VirshParser.class)
public class NetDumpxmlCommand extends VirtAction {
    /** virNetworkXMLFlags' VIR_NETWORK_XML_INACTIVE. */
    private static final int XML_INACTIVE = 1;

    @Argument(index = 0, name = "network", description = "network name or uuid", required = true)
    @Completion(NetworkCompleter.class)
    String network;

    @Option(name = "--inactive", description = "show inactive defined XML")
    boolean inactive;

    @Override
    protected void run(Connection conn) {
        out().print(Lookup.network(conn, network).xmlDesc(inactive ? XML_INACTIVE : 0));
        out().println();
    }
}
