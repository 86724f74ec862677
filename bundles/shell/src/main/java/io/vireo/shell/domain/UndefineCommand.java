package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
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

/** virsh undefine: removes a domain's persistent definition; a running domain carries on as transient. */
@Command(scope = "virt", name = "undefine", description = "undefine a domain")
@Service
@Parsing(VirshParser.class)
public class UndefineCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Option(name = "--managed-save", description = "remove domain managed state file")
    boolean managedSave;
    @Option(name = "--snapshots-metadata", description = "remove all domain snapshot metadata, if inactive")
    boolean snapshotsMetadata;
    @Option(name = "--nvram", description = "remove nvram file")
    boolean nvram;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain);
        int flags = (managedSave ? DomainFlags.UNDEFINE_MANAGED_SAVE : 0)
                | (snapshotsMetadata ? DomainFlags.UNDEFINE_SNAPSHOTS_METADATA : 0)
                | (nvram ? DomainFlags.UNDEFINE_NVRAM : 0);
        try {
            d.undefine(flags);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to undefine domain '" + domain + "'", e);
        }
        out().println("Domain '" + domain + "' has been undefined");
        out().println();
    }
}
