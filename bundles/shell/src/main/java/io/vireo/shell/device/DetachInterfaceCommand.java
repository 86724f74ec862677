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

import java.util.ArrayList;
import java.util.List;

/**
 * virsh detach-interface: finds the interface of the given type (and MAC address, required when there are
 * several) in the domain's XML and detaches that {@code <interface>} element as the domain describes it.
 * As in virsh, {@code --config}/{@code --persistent} look in the persistent definition and detach there;
 * then {@code --live} (or {@code --persistent} on a running domain), or no option at all, look in the live
 * XML and detach there: two calls when both are affected. {@code --print-xml} prints the element(s).
 */
@Command(scope = "virt", name = "detach-interface", description = "detach network interface",
        detailedDescription = "Detach network interface.")
@Service
@Parsing(VirshParser.class)
public class DetachInterfaceCommand extends DeviceCommand {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "type", description = "network interface type", required = true)
    String type;

    @Option(name = "--mac", description = "MAC address")
    String mac;

    @Option(name = "--print-xml", description = "print XML document rather than detach the interface")
    boolean printXml;

    @Override
    protected void run(Connection conn) {
        checkAffect();
        Domain d = Lookup.domain(conn, domain);
        // virsh reports "Failed to detach interface" after any failure, except one while looking for the
        // interface in the live XML with --print-xml (it returns before its cleanup there).
        boolean printingLive = false;
        try {
            nonEmpty("type", type);
            nonEmpty("mac", mac);
            boolean affectConfig = config || persistent;
            if (affectConfig) {
                detachFrom(d, d.xmlDesc(DomainFlags.XML_INACTIVE), DomainFlags.AFFECT_CONFIG);
            }
            boolean affectLive = live || (persistent && active(d));
            if (affectLive || !affectConfig) {
                String doc = d.xmlDesc(0);
                printingLive = printXml;
                detachFrom(d, doc, affectLive ? DomainFlags.AFFECT_LIVE : 0);
            }
        } catch (CommandFailure e) {
            throw printingLive ? e
                    : CommandFailure.of(append(e.getMessage().split("\n"), "Failed to detach interface"));
        } catch (VirtException e) {
            throw CommandFailure.of("Failed to detach interface", e.getMessage());
        }
        if (!printXml) {
            out().println("Interface detached successfully");
            out().println();
        }
    }

    /** virsh's virshDomainDetachInterface on one document. */
    private void detachFrom(Domain d, String doc, int flags) {
        List<DeviceXml.Element> interfaces;
        try {
            interfaces = new ArrayList<>(DeviceXml.devices(doc, "interface"));
        } catch (IllegalArgumentException e) {
            throw failure("Failed to get interface information");
        }
        interfaces.removeIf(i -> !type.equals(i.attribute("type")));
        if (interfaces.isEmpty()) {
            throw failure("No interface found whose type is " + type);
        }
        DeviceXml.Element match = null;
        if (mac != null) {
            for (DeviceXml.Element i : interfaces) {
                String address = i.childAttribute("mac", "address");
                if (!address.isEmpty() && DeviceXml.compareMac(address, mac) == 0) {
                    if (match != null) {
                        throw failure("Domain has multiple interfaces matching MAC address " + mac
                                + ". You must use detach-device and specify the device pci address to remove it.");
                    }
                    match = i;
                }
            }
        } else {
            if (interfaces.size() > 1) {
                throw failure("Domain has " + interfaces.size()
                        + " interfaces. Please specify which one to detach using --mac");
            }
            match = interfaces.get(0);
        }
        if (match == null) {
            throw failure("No interface with MAC address " + mac + " was found");
        }
        String xml = DeviceXml.write(match);
        if (printXml) {
            out().println(xml);
            return;
        }
        detach(d, xml, flags);
    }

    private static String[] append(String[] lines, String last) {
        String[] out = java.util.Arrays.copyOf(lines, lines.length + 1);
        out[lines.length] = last;
        return out;
    }
}
