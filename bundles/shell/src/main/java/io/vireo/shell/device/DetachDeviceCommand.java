package io.vireo.shell.device;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.VirtException;
import io.vireo.shell.support.DomainCompleter;
import io.vireo.shell.support.Files;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.VirshParser;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

/**
 * virsh detach-device: removes the device an XML file describes (one {@code <disk>}, {@code <interface>}, ...
 * element). See {@link DeviceCommand} for {@code --live}, {@code --config}, {@code --current} and
 * {@code --persistent}.
 */
@Command(scope = "virt", name = "detach-device", description = "detach device from an XML file",
        detailedDescription = "Detach device from an XML <file>")
@Service
@Parsing(VirshParser.class)
public class DetachDeviceCommand extends DeviceCommand {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "file", description = "XML file", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run(Connection conn) {
        checkAffect();
        int flags = requestedFlags();
        Domain d = Lookup.domain(conn, domain);
        nonEmpty("file", file);
        flags = withPersistent(d, flags);
        String xml = Files.read(file);
        try {
            detach(d, xml, flags);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to detach device from " + file, e);
        }
        out().println("Device detached successfully");
        out().println();
    }
}
