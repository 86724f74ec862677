package io.vireo.shell.snapshot;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.api.DomainSnapshot;
import io.vireo.shell.support.DomainCompleter;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import io.vireo.shell.support.XmlText;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh snapshot-create-as: takes a snapshot from a name and description; virsh writes the XML itself. */
@Command(scope = "virt", name = "snapshot-create-as", description = "Create a snapshot from a set of args")
@Service
@Parsing(VirshParser.class)
public class SnapshotCreateAsCommand extends VirtAction {
    /** virDomainSnapshotCreateFlags' VIR_DOMAIN_SNAPSHOT_CREATE_LIVE. */
    private static final int CREATE_LIVE = 256;

    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "name", description = "name of snapshot")
    String name;

    @Option(name = "--description", description = "description of snapshot")
    String description;
    @Option(name = "--print-xml", description = "print XML document rather than create")
    boolean printXml;
    @Option(name = "--no-metadata", description = "take snapshot but create no metadata")
    boolean noMetadata;
    @Option(name = "--halt", description = "halt domain after snapshot is created")
    boolean halt;
    @Option(name = "--disk-only", description = "capture disk state but not vm state")
    boolean diskOnly;
    @Option(name = "--atomic", description = "require atomic operation")
    boolean atomic;
    @Option(name = "--live", description = "take a live snapshot")
    boolean live;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain);
        StringBuilder xml = new StringBuilder("<domainsnapshot>\n");
        if (name != null) {
            xml.append("  <name>").append(XmlText.escape(name)).append("</name>\n");
        }
        if (description != null) {
            xml.append("  <description>").append(XmlText.escape(description)).append("</description>\n");
        }
        xml.append("</domainsnapshot>\n");
        if (printXml) {
            out().println(xml);
            out().println();
            return;
        }
        int flags = (noMetadata ? DomainFlags.SNAPSHOT_CREATE_NO_METADATA : 0)
                | (halt ? DomainFlags.SNAPSHOT_CREATE_HALT : 0)
                | (diskOnly ? DomainFlags.SNAPSHOT_CREATE_DISK_ONLY : 0)
                | (atomic ? DomainFlags.SNAPSHOT_CREATE_ATOMIC : 0) | (live ? CREATE_LIVE : 0);
        DomainSnapshot snapshot = d.createSnapshot(xml.toString(), flags);
        // virsh prints this line without a newline of its own: only its end-of-command newline follows.
        out().println("Domain snapshot " + snapshot.name() + " created");
    }
}
