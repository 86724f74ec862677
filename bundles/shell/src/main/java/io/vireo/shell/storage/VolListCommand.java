package io.vireo.shell.storage;

import io.vireo.api.Connection;
import io.vireo.api.StoragePool;
import io.vireo.api.StorageVolume;
import io.vireo.api.StorageVolumeInfo;
import io.vireo.api.VirtException;
import io.vireo.shell.support.Format;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.PoolCompleter;
import io.vireo.shell.support.Table;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** virsh vol-list: the volumes of a pool by name; with --details their type and sizes. */
@Command(scope = "virt", name = "vol-list", description = "list vols")
@Service
@Parsing(VirshParser.class)
public class VolListCommand extends VirtAction {
    @Argument(index = 0, name = "pool", description = "pool name or uuid", required = true)
    @Completion(PoolCompleter.class)
    String pool;

    @Option(name = "--details", description = "display extended details for volumes")
    boolean details;

    @Override
    protected void run(Connection conn) {
        StoragePool p = Lookup.pool(conn, pool);
        List<StorageVolume> volumes;
        try {
            volumes = new ArrayList<>(p.listAllVolumes(0));
        } catch (VirtException e) {
            throw failure("Failed to list volumes", e.getMessage());
        }
        volumes.sort(Comparator.comparing(StorageVolume::name, String.CASE_INSENSITIVE_ORDER));
        Table table = details ? new Table("Name", "Path", "Type", "Capacity", "Allocation") : new Table("Name", "Path");
        for (StorageVolume v : volumes) {
            if (!details) {
                table.row(v.name(), v.path());
                continue;
            }
            StorageVolumeInfo info = v.info();
            table.row(v.name(), v.path(), info.type().label(), Format.capacity(info.capacity()),
                    Format.capacity(info.allocation()));
        }
        table.print(out());
        out().println();
    }
}
