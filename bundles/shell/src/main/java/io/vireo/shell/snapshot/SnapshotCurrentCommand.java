package io.vireo.shell.snapshot;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.api.DomainSnapshot;
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

/** virsh snapshot-current: the domain's current snapshot, as XML or (with --name) by name. */
@Command(scope = "virt", name = "snapshot-current", description = "Get the current snapshot")
@Service
@Parsing(VirshParser.class)
public class SnapshotCurrentCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Option(name = "--name", description = "list the name, rather than the full xml")
    boolean nameOnly;
    @Option(name = "--security-info", description = "include security sensitive information in XML dump")
    boolean securityInfo;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain);
        if (!d.hasCurrentSnapshot()) {
            throw failure("domain '" + domain + "' has no current snapshot");
        }
        DomainSnapshot snapshot = d.currentSnapshot();
        if (nameOnly) {
            // virsh prints the name without a newline of its own: only its end-of-command newline follows.
            out().println(snapshot.name());
            return;
        }
        out().print(snapshot.xmlDesc(securityInfo ? DomainFlags.XML_SECURE : 0));
        out().println();
    }
}
