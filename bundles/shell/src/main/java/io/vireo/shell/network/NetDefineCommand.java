package io.vireo.shell.network;

import io.vireo.api.Connection;
import io.vireo.api.Network;
import io.vireo.api.VirtException;
import io.vireo.shell.support.Files;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

/** virsh net-define: defines (but does not start) a network from an XML file. */
@Command(scope = "virt", name = "net-define", description = "define an inactive persistent virtual network or modify an existing persistent one from an XML file")
@Service
@Parsing(VirshParser.class)
public class NetDefineCommand extends VirtAction {
    /** virNetworkDefineFlags' VIR_NETWORK_DEFINE_VALIDATE. */
    private static final int DEFINE_VALIDATE = 1;

    @Argument(index = 0, name = "file", description = "file containing an XML network description", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--validate", description = "validate the XML against the schema")
    boolean validate;

    @Override
    protected void run(Connection conn) {
        String xml = Files.read(file);
        Network n;
        try {
            n = conn.defineNetwork(xml, validate ? DEFINE_VALIDATE : 0);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to define network from " + file, e);
        }
        out().println("Network " + n.name() + " defined from " + file);
        out().println();
    }
}
