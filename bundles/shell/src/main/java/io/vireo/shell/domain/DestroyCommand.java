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
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh destroy: stops a domain at once; a transient one disappears. */
@Command(scope = "virt", name = "destroy", description = "destroy (stop) a domain")
@Service
@Parsing(VirshParser.class)
public class DestroyCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    /** virDomainDestroyFlags' VIR_DOMAIN_DESTROY_GRACEFUL. */
    private static final int GRACEFUL = 1;

    @Option(name = "--graceful", description = "terminate gracefully")
    boolean graceful;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain);
        try {
            d.destroy(graceful ? GRACEFUL : 0);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to destroy domain '" + domain + "'", e);
        }
        out().println("Domain '" + domain + "' destroyed");
        out().println();
    }
}
