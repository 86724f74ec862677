package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
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

/** virsh dumpxml: the domain's XML, live or (with --inactive) as it will be at next boot. */
@Command(scope = "virt", name = "dumpxml", description = "domain information in XML")
@Service
@Parsing(VirshParser.class)
public class DumpxmlCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Option(name = "--inactive", description = "show inactive defined XML")
    boolean inactive;
    @Option(name = "--security-info", description = "include security sensitive information in XML dump")
    boolean securityInfo;
    @Option(name = "--update-cpu", description = "update guest CPU according to host CPU")
    boolean updateCpu;
    @Option(name = "--migratable", description = "provide XML suitable for migrations")
    boolean migratable;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain);
        int flags = (inactive ? DomainFlags.XML_INACTIVE : 0) | (securityInfo ? DomainFlags.XML_SECURE : 0)
                | (updateCpu ? DomainFlags.XML_UPDATE_CPU : 0) | (migratable ? DomainFlags.XML_MIGRATABLE : 0);
        out().print(d.xmlDesc(flags));
        out().println();
    }
}
