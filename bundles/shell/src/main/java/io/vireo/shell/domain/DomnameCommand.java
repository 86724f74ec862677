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

/** virsh domname: the name of a domain named by ID or UUID. */
@Command(scope = "virt", name = "domname", description = "convert a domain id or UUID to domain name")
@Service
@Parsing(VirshParser.class)
public class DomnameCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Override
    protected void run(Connection conn) {
        out().println(Lookup.domain(conn, domain, Lookup.BY_ID | Lookup.BY_UUID).name());
        out().println();
    }
}
