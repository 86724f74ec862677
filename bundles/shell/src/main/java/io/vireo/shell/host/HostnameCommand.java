package io.vireo.shell.host;

import io.vireo.api.Connection;
import io.vireo.api.VirtException;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh hostname: the name of the host the connection runs on. */
@Command(scope = "virt", name = "hostname", description = "print the hypervisor hostname")
@Service
@Parsing(VirshParser.class)
public class HostnameCommand extends VirtAction {
    @Override
    protected void run(Connection conn) {
        String hostname;
        try {
            hostname = conn.hostname();
        } catch (VirtException e) {
            throw CommandFailure.wrap("failed to get hostname", e);
        }
        out().println(hostname);
        out().println();
    }
}
