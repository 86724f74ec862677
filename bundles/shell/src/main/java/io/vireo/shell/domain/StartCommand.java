package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.api.ErrorCode;
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

/** virsh start: starts a defined (inactive) domain, found by name or UUID. */
@Command(scope = "virt", name = "start", description = "start a (previously defined) inactive domain")
@Service
@Parsing(VirshParser.class)
public class StartCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "name or uuid of the inactive domain", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Option(name = "--paused", description = "leave the guest paused after creation")
    boolean paused;
    @Option(name = "--autodestroy", description = "automatically destroy the guest when virsh disconnects")
    boolean autodestroy;
    @Option(name = "--bypass-cache", description = "avoid file system cache when loading")
    boolean bypassCache;
    @Option(name = "--force-boot", description = "force fresh boot by discarding any managed save")
    boolean forceBoot;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain, Lookup.BY_NAME | Lookup.BY_UUID);
        if (d.id() != -1) {
            throw failure("Domain is already active");
        }
        int flags = (paused ? DomainFlags.START_PAUSED : 0) | (autodestroy ? DomainFlags.START_AUTODESTROY : 0)
                | (bypassCache ? DomainFlags.START_BYPASS_CACHE : 0);
        try {
            if (forceBoot) {
                // virsh emulates a forced boot for drivers that refuse the flag: without it, nothing is restored.
                try {
                    d.create(flags | DomainFlags.START_FORCE_BOOT);
                    started(d);
                    return;
                } catch (VirtException e) {
                    if (e.code() != ErrorCode.NO_SUPPORT && e.code() != ErrorCode.INVALID_ARG) {
                        throw failure(e.getMessage());
                    }
                }
            }
            d.create(flags);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to start domain '" + d.name() + "'", e);
        }
        started(d);
    }

    private void started(Domain d) {
        out().println("Domain '" + d.name() + "' started");
        out().println();
    }
}
