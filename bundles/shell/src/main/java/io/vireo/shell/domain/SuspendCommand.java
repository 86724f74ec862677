package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.VirtException;
import io.vireo.shell.support.DomainCompleter;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh suspend: pauses a running domain. Messages name the domain as it was given, as virsh's do. */
@Command(scope = "virt", name = "suspend", description = "suspend a domain")
@Service
@Parsing(VirshParser.class)
public class SuspendCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain);
        try {
            d.suspend();
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to suspend domain '" + domain + "'", e);
        }
        out().println("Domain '" + domain + "' suspended");
        out().println();
    }
}
