package io.vireo.shell.storage;

import io.vireo.api.Connection;
import io.vireo.api.StorageVolume;
import io.vireo.api.VirtException;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.PoolCompleter;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh vol-delete: deletes a volume, named within --pool or by key or path. */
@Command(scope = "virt", name = "vol-delete", description = "delete a vol")
@Service
@Parsing(VirshParser.class)
public class VolDeleteCommand extends VirtAction {
    @Argument(index = 0, name = "vol", description = "vol name, key or path", required = true)
    String vol;

    @Option(name = "--pool", description = "pool name or uuid")
    @Completion(PoolCompleter.class)
    String pool;

    @Override
    protected void run(Connection conn) {
        StorageVolume v = Lookup.volume(conn, vol, pool);
        try {
            v.delete(0);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to delete vol " + vol, e);
        }
        out().println("Vol " + vol + " deleted");
        out().println();
    }
}
