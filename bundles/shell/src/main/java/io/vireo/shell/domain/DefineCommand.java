package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.api.VirtException;
import io.vireo.shell.support.Files;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

/** virsh define: defines (but does not start) a domain from an XML file. */
@Command(scope = "virt", name = "define", description = "define (but don't start) a domain from an XML file")
@Service
@Parsing(VirshParser.class)
public class DefineCommand extends VirtAction {
    @Argument(index = 0, name = "file", description = "file containing an XML domain description", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--validate", description = "validate the XML against the schema")
    boolean validate;

    @Override
    protected void run(Connection conn) {
        String xml = Files.read(file);
        Domain d;
        try {
            d = conn.defineDomain(xml, validate ? DomainFlags.DEFINE_VALIDATE : 0);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to define domain from " + file, e);
        }
        out().println("Domain '" + d.name() + "' defined from " + file);
        out().println();
    }
}
