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

/** virsh domid: the ID of a domain named by name or UUID; "-" when it is not running. */
@Command(scope = "virt", name = "domid", description = "convert a domain name or UUID to domain id")
@Service
@Parsing(VirshParser.class)
public class DomidCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Override
    protected void run(Connection conn) {
        int id = Lookup.domain(conn, domain, Lookup.BY_NAME | Lookup.BY_UUID).id();
        out().println(id == -1 ? "-" : Integer.toString(id));
        out().println();
    }
}
