package io.vireo.shell.host;

import io.vireo.api.Connection;
import io.vireo.api.VirtException;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh capabilities: the host's and guests' capabilities as XML. */
@Command(scope = "virt", name = "capabilities", description = "capabilities")
@Service
@Parsing(VirshParser.class)
public class CapabilitiesCommand extends VirtAction {
    @Override
    protected void run(Connection conn) {
        String caps;
        try {
            caps = conn.capabilities();
        } catch (VirtException e) {
            throw CommandFailure.wrap("failed to get capabilities", e);
        }
        out().println(caps);
        out().println();
    }
}
