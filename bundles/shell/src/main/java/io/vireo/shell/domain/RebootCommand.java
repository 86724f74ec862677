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

/** virsh reboot: restarts a domain. */
@Command(scope = "virt", name = "reboot", description = "reboot a domain")
@Service
@Parsing(VirshParser.class)
public class RebootCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Option(name = "--mode", description = "reboot mode: acpi|agent|initctl|signal|paravirt")
    String mode;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain);
        int flags = ShutdownModes.parse(mode);
        try {
            d.reboot(flags);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to reboot domain '" + domain + "'", e);
        }
        out().println("Domain '" + domain + "' is being rebooted");
        out().println();
    }
}
