package io.vireo.shell.device;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.api.VirtException;
import io.vireo.shell.support.DomainCompleter;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.VirshParser;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.List;

/**
 * virsh detach-disk: finds the disk whose target ({@code vdb}) or source (file, device, directory or
 * name) is the argument in the domain's XML (the persistent definition when only the definition is
 * affected, else the live one), and detaches that {@code <disk>} element as the domain describes it,
 * without its {@code <backingStore>}. {@code --print-xml} prints the element instead.
 */
@Command(scope = "virt", name = "detach-disk", description = "detach disk device",
        detailedDescription = "Detach disk device.")
@Service
@Parsing(VirshParser.class)
public class DetachDiskCommand extends DeviceCommand {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "target", description = "target of disk device", required = true)
    String target;

    @Option(name = "--print-xml", description = "print XML document rather than detach the disk")
    boolean printXml;

    @Override
    protected void run(Connection conn) {
        checkAffect();
        int flags = requestedFlags();
        Domain d = Lookup.domain(conn, domain);
        nonEmpty("target", target);
        String doc = d.xmlDesc(flags == DomainFlags.AFFECT_CONFIG ? DomainFlags.XML_INACTIVE : 0);
        flags = withPersistent(d, flags);
        String diskXml = DeviceXml.write(findDisk(doc, target));
        if (printXml) {
            out().println(diskXml);
            return;
        }
        try {
            detach(d, diskXml, flags);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to detach disk", e);
        }
        out().println("Disk detached successfully");
        out().println();
    }

    /** virsh's virshFindDisk: a copy of the disk {@code path} names, without its backing store. */
    static DeviceXml.Element findDisk(String doc, String path) {
        List<DeviceXml.Element> disks;
        try {
            disks = DeviceXml.devices(doc, "disk");
        } catch (IllegalArgumentException e) {
            throw failure("Failed to get disk information");
        }
        if (disks.isEmpty()) {
            throw failure("Failed to get disk information");
        }
        for (DeviceXml.Element disk : disks) {
            DeviceXml.Element source = disk.element("source");
            boolean match = path.equals(disk.childAttribute("target", "dev"));
            if (!match && source != null) {
                for (String attribute : new String[] {"file", "dev", "dir", "name"}) {
                    match |= path.equals(source.attribute(attribute));
                }
            }
            if (match) {
                DeviceXml.Element copy = disk.copy();
                copy.removeFirst("backingStore");
                return copy;
            }
        }
        throw failure("No disk found whose source path or target is " + path);
    }
}
