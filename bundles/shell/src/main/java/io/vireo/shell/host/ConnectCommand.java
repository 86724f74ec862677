package io.vireo.shell.host;

import io.vireo.api.Connection;
import io.vireo.api.VirtException;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * virsh connect: (re)connects the session. Later commands without --connect use this connection; without
 * a URI the session's current URI is connected again.
 */
@Command(scope = "virt", name = "connect", description = "(re)connect to hypervisor")
@Service
@Parsing(VirshParser.class)
public class ConnectCommand extends VirtAction {
    @Argument(index = 0, name = "name", description = "hypervisor connection URI")
    String name;

    private String target;

    @Override
    protected Connection connection() {
        target = name != null ? name : connectUri != null ? connectUri : sessionUri();
        try {
            return connectionFactory.open(target, readOnly);
        } catch (VirtException e) {
            throw CommandFailure.wrap("failed to connect to the hypervisor", e);
        }
    }

    @Override
    protected void run(Connection conn) {
        useConnection(target, conn);
        out().println();
    }
}
