package io.vireo.shell.storage;

import io.vireo.api.Connection;
import io.vireo.api.StoragePool;
import io.vireo.api.StoragePoolInfo;
import io.vireo.api.StoragePoolState;
import io.vireo.api.VirtException;
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

/** virsh pool-info: a storage pool's state and, while it runs, its sizes. */
@Command(scope = "virt", name = "pool-info", description = "storage pool information")
@Service
@Parsing(VirshParser.class)
public class PoolInfoCommand extends VirtAction {
    @Argument(index = 0, name = "pool", description = "pool name or uuid", required = true)
    @Completion(PoolCompleter.class)
    String pool;

    @Option(name = "--bytes", description = "Return pool info in bytes")
    boolean bytes;

    @Override
    protected void run(Connection conn) {
        StoragePool p = Lookup.pool(conn, pool);
        PrintStream out = out();
        Format.field(out, "Name:", p.name());
        Format.field(out, "UUID:", p.uuid());
        StoragePoolInfo info = p.info();
        Format.field(out, "State:", info.state().label());
        Format.field(out, "Persistent:", Format.yesNo(p.isPersistent()));
        String autostart;
        try {
            autostart = Format.yesNo(p.autostart());
        } catch (VirtException e) {
            autostart = "no autostart";
        }
        Format.field(out, "Autostart:", autostart);
        if (info.state() == StoragePoolState.RUNNING || info.state() == StoragePoolState.DEGRADED) {
            Format.field(out, "Capacity:", size(info.capacity()));
            Format.field(out, "Allocation:", size(info.allocation()));
            Format.field(out, "Available:", size(info.available()));
        }
        out.println();
    }

    private String size(long value) {
        return bytes ? Long.toUnsignedString(value) : Format.capacity(value);
    }
}
