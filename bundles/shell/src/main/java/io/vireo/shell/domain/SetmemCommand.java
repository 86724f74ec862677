package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
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

/**
 * virsh setmem: changes the memory a domain uses. Without --config, --live or --current it is libvirt's
 * virDomainSetMemory, which changes the running domain.
 */
@Command(scope = "virt", name = "setmem", description = "change memory allocation")
@Service
@Parsing(VirshParser.class)
public class SetmemCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "size", description = "new memory size, as scaled integer (default KiB)", required = true)
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
        int flags = (config ? DomainFlags.AFFECT_CONFIG : 0) | (live ? DomainFlags.AFFECT_LIVE : 0);
        d.setMemory(kib, current || config || live ? flags : DomainFlags.AFFECT_LIVE);
        out().println();
    }
}
