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

/** virsh create: creates and starts a transient domain from an XML file. */
@Command(scope = "virt", name = "create", description = "create a domain from an XML file")
@Service
@Parsing(VirshParser.class)
public class CreateCommand extends VirtAction {
    @Argument(index = 0, name = "file", description = "file containing an XML domain description", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--paused", description = "leave the guest paused after creation")
    boolean paused;
    @Option(name = "--autodestroy", description = "automatically destroy the guest when virsh disconnects")
    boolean autodestroy;
    @Option(name = "--validate", description = "validate the XML against the schema")
    boolean validate;

    @Override
    protected void run(Connection conn) {
        String xml = Files.read(file);
        int flags = (paused ? DomainFlags.START_PAUSED : 0) | (autodestroy ? DomainFlags.START_AUTODESTROY : 0)
                | (validate ? DomainFlags.START_VALIDATE : 0);
        Domain d;
        try {
            d = conn.createDomain(xml, flags);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to create domain from " + file, e);
        }
        out().println("Domain '" + d.name() + "' created from " + file);
        out().println();
    }
}
