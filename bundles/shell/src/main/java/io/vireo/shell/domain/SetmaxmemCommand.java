package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.api.VirtException;
import io.vireo.shell.support.DomainCompleter;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh setmaxmem: changes the most memory a domain may have. */
@Command(scope = "virt", name = "setmaxmem", description = "change maximum memory limit")
@Service
@Parsing(VirshParser.class)
public class SetmaxmemCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "size", description = "new maximum memory size, as scaled integer (default KiB)", required = true)
    String size;

    @Option(name = "--config", description = "affect next boot")
    boolean config;
    @Option(name = "--live", description = "affect running domain")
    boolean live;
    @Option(name = "--current", description = "affect current domain")
    boolean current;

    @Override
    protected void run(Connection conn) {
        exclusive(current, "current", live, "live");
        exclusive(current, "current", config, "config");
        Domain d = Lookup.domain(conn, domain);
        long kib = MemorySize.kib(size);
        int flags = DomainFlags.MEM_MAXIMUM | (config ? DomainFlags.AFFECT_CONFIG : 0)
                | (live ? DomainFlags.AFFECT_LIVE : 0);
        try {
            d.setMemory(kib, flags);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Unable to change MaxMemorySize", e);
        }
        out().println();
    }
}
