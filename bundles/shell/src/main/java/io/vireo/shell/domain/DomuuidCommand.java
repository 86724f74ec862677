package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.shell.support.DomainCompleter;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh domuuid: the UUID of a domain named by ID or name. */
@Command(scope = "virt", name = "domuuid", description = "convert a domain name or id to domain UUID")
@Service
@Parsing(VirshParser.class)
public class DomuuidCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain id or name", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Override
    protected void run(Connection conn) {
        out().println(Lookup.domain(conn, domain, Lookup.BY_ID | Lookup.BY_NAME).uuid());
        out().println();
    }
}
