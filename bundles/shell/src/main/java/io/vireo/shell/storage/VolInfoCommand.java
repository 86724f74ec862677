package io.vireo.shell.storage;

import io.vireo.api.Connection;
import io.vireo.api.StorageVolume;
import io.vireo.api.StorageVolumeInfo;
import io.vireo.shell.support.Format;
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

import java.io.PrintStream;

/** virsh vol-info: a volume's type and sizes. */
@Command(scope = "virt", name = "vol-info", description = "storage vol information")
@Service
@Parsing(VirshParser.class)
public class VolInfoCommand extends VirtAction {
    @Argument(index = 0, name = "vol", description = "vol name, key or path", required = true)
    String vol;

    @Option(name = "--pool", description = "pool name or uuid")
    @Completion(PoolCompleter.class)
    String pool;

    @Option(name = "--bytes", description = "sizes are represented in bytes rather than pretty units")
    boolean bytes;

    @Override
    protected void run(Connection conn) {
        StorageVolume v = Lookup.volume(conn, vol, pool);
        PrintStream out = out();
        Format.field(out, "Name:", v.name());
        StorageVolumeInfo info = v.info();
        Format.field(out, "Type:", info.type().label());
        Format.field(out, "Capacity:", bytes ? Long.toUnsignedString(info.capacity()) + " bytes"
                : Format.capacity(info.capacity()));
        Format.field(out, "Allocation:", bytes ? Long.toUnsignedString(info.allocation()) + " bytes"
                : Format.capacity(info.allocation()));
        out.println();
    }
}
