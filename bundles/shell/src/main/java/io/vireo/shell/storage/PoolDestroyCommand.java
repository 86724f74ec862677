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

/** virsh pool-destroy: stops a storage pool; a transient one disappears. */
@Command(scope = "virt", name = "pool-destroy", description = "destroy (stop) a pool")
@Service
@Parsing(VirshParser.class)
public class PoolDestroyCommand extends VirtAction {
    @Argument(index = 0, name = "pool", description = "pool name or uuid", required = true)
    @Completion(PoolCompleter.class)
    String pool;

    @Override
    protected void run(Connection conn) {
        StoragePool p = Lookup.pool(conn, pool);
        try {
            p.destroy();
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to destroy pool " + pool, e);
        }
        out().println("Pool " + pool + " destroyed");
        out().println();
    }
}
