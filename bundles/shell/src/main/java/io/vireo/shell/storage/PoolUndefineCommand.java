package io.vireo.shell.storage;

import io.vireo.api.Connection;
import io.vireo.api.StoragePool;
import io.vireo.api.VirtException;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.PoolCompleter;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh pool-undefine: removes an inactive pool's definition. */
@Command(scope = "virt", name = "pool-undefine", description = "undefine an inactive pool")
@Service
@Parsing(VirshParser.class)
public class PoolUndefineCommand extends VirtAction {
    @Argument(index = 0, name = "pool", description = "pool name or uuid", required = true)
    @Completion(PoolCompleter.class)
    String pool;

    @Override
    protected void run(Connection conn) {
        StoragePool p = Lookup.pool(conn, pool);
        try {
            p.undefine();
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to undefine pool " + pool, e);
        }
        out().println("Pool " + pool + " has been undefined");
        out().println();
    }
}
