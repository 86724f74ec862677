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

/** virsh autostart: marks (or with --disable unmarks) a domain to start with the host. */
@Command(scope = "virt", name = "autostart", description = "autostart a domain")
@Service
@Parsing(VirshParser.class)
public class AutostartCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Option(name = "--disable", description = "disable autostarting")
    boolean disable;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain);
        try {
            d.setAutostart(!disable);
        } catch (VirtException e) {
            throw CommandFailure.wrap(disable ? "Failed to unmark domain '" + domain + "' as autostarted"
                    : "Failed to mark domain '" + domain + "' as autostarted", e);
        }
        out().println(disable ? "Domain '" + domain + "' unmarked as autostarted"
                : "Domain '" + domain + "' marked as autostarted");
        out().println();
    }
}
