package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.api.DomainStateReason;
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

/** virsh domstate: the state of a domain, with --reason the reason it got there. */
@Command(scope = "virt", name = "domstate", description = "domain state")
@Service
@Parsing(VirshParser.class)
public class DomstateCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Option(name = "--reason", description = "also print reason for the state")
    boolean reason;

    @Override
    protected void run(Connection conn) {
        DomainStateReason state = Lookup.domain(conn, domain).state();
        out().println(reason ? state.state().label() + " (" + state.reasonLabel() + ")" : state.state().label());
        out().println();
    }
}
