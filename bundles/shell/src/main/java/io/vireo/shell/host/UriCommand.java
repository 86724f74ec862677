package io.vireo.shell.host;

import io.vireo.api.Connection;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh uri: the canonical URI of the connection. */
@Command(scope = "virt", name = "uri", description = "print the hypervisor canonical URI")
@Service
@Parsing(VirshParser.class)
public class UriCommand extends VirtAction {
    @Override
    protected void run(Connection conn) {
        out().println(conn.uri());
        out().println();
    }
}
