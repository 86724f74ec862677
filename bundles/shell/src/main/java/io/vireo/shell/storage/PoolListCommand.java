package io.vireo.shell.storage;

import io.vireo.api.Connection;
import io.vireo.api.ListFlags;
import io.vireo.api.StoragePool;
import io.vireo.api.StoragePoolInfo;
import io.vireo.api.StoragePoolState;
import io.vireo.api.VirtException;
import io.vireo.shell.support.Format;
import io.vireo.shell.support.Table;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * virsh pool-list: active pools, or with filters any pools, by name; with --details their persistence
 * and sizes, the state as the pool's own state word rather than active/inactive.
 */
@Command(scope = "virt", name = "pool-list", description = "list pools")
@Service
@Parsing(VirshParser.class)
public class PoolListCommand extends VirtAction {
    @Option(name = "--inactive", description = "list inactive pools")
    boolean inactive;
    @Option(name = "--all", description = "list inactive & active pools")
    boolean all;
    @Option(name = "--persistent", description = "list persistent pools")
    boolean persistent;
    @Option(name = "--transient", description = "list transient pools")
    boolean transientOnly;
    @Option(name = "--autostart", description = "list pools with autostart enabled")
    boolean autostart;
    @Option(name = "--no-autostart", description = "list pools with autostart disabled")
    boolean noAutostart;
    @Option(name = "--details", description = "display extended details for pools")
    boolean details;
    @Option(name = "--name", description = "list pool names only")
    boolean nameOnly;
    @Option(name = "--uuid", description = "list UUID of active pools only")
    boolean uuidOnly;

    @Override
    protected void run(Connection conn) {
        exclusive(details, "details", uuidOnly, "uuid");
        exclusive(details, "details", nameOnly, "name");
        int flags = 0;
        if (inactive) {
            flags |= ListFlags.POOL_INACTIVE;
        }
        if (all) {
            flags |= ListFlags.POOL_INACTIVE | ListFlags.POOL_ACTIVE;
        }
        if (!inactive && !all) {
            flags |= ListFlags.POOL_ACTIVE;
        }
        flags |= (persistent ? ListFlags.POOL_PERSISTENT : 0) | (transientOnly ? ListFlags.POOL_TRANSIENT : 0)
                | (autostart ? ListFlags.POOL_AUTOSTART : 0) | (noAutostart ? ListFlags.POOL_NO_AUTOSTART : 0);
        List<StoragePool> pools;
        try {
            pools = new ArrayList<>(conn.listAllStoragePools(flags));
        } catch (VirtException e) {
            throw failure("Failed to list pools", e.getMessage());
        }
        pools.sort(Comparator.comparing(StoragePool::name, String.CASE_INSENSITIVE_ORDER));
        if (uuidOnly || nameOnly) {
            for (StoragePool p : pools) {
                // virsh pads pool names to 20 columns here, even alone.
                out().println(uuidOnly && nameOnly ? String.format(Locale.ROOT, "%-36s %-20s", p.uuid(), p.name())
                        : uuidOnly ? p.uuid().toString() : String.format(Locale.ROOT, "%-20s", p.name()));
            }
            out().println();
            return;
        }
        Table table = details
                ? new Table("Name", "State", "Autostart", "Persistent", "Capacity", "Allocation", "Available")
                : new Table("Name", "State", "Autostart");
        for (StoragePool p : pools) {
            String autostartText;
            try {
                autostartText = Format.yesNo(p.autostart());
            } catch (VirtException e) {
                autostartText = "no autostart";
            }
            if (!details) {
                table.row(p.name(), p.isActive() ? "active" : "inactive", autostartText);
                continue;
            }
            StoragePoolInfo info = p.info();
            boolean sized = info.state() == StoragePoolState.RUNNING || info.state() == StoragePoolState.DEGRADED;
            table.row(p.name(), info.state().label(), autostartText, Format.yesNo(p.isPersistent()),
                    sized ? Format.capacity(info.capacity()) : "-", sized ? Format.capacity(info.allocation()) : "-",
                    sized ? Format.capacity(info.available()) : "-");
        }
        table.print(out());
        out().println();
    }
}
