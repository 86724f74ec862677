package io.vireo.shell.device;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.VirtException;
import io.vireo.shell.support.DomainCompleter;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.XmlText;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * virsh attach-disk: builds a {@code <disk>} element from its options exactly as virsh 9.0 writes it
 * (same attributes, order, escaping and indentation), then attaches it, or prints it with
 * {@code --print-xml} without touching the domain. The source is a block device ({@code <source dev>},
 * type {@code block}) when it is one on this host and the driver is not {@code file} or {@code tap}, else a
 * file; {@code --sourcetype network} with {@code --source-protocol} names a network disk. As in virsh, the
 * target, bus, mode, serial, alias and wwn go into the XML as given, the rest escaped.
 * {@code --address}/{@code --multifunction} are not offered.
 */
@Command(scope = "virt", name = "attach-disk", description = "attach disk device",
        detailedDescription = "Attach new disk device.")
@Service
@Parsing(VirshParser.class)
public class AttachDiskCommand extends DeviceCommand {
    private static final Set<String> SOURCE_TYPES = Set.of("file", "block", "network");

    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "source", description = "source of disk device or name of network disk",
            required = true)
    @Completion(FileCompleter.class)
    String source;

    @Argument(index = 2, name = "target", description = "target of disk device", required = true)
    String target;

    @Option(name = "--targetbus", description = "target bus of disk device")
    String targetbus;
    @Option(name = "--driver", description = "driver of disk device")
    String driver;
    @Option(name = "--subdriver", description = "subdriver of disk device")
    String subdriver;
    @Option(name = "--iothread", description = "IOThread to be used by supported device")
    String iothread;
    @Option(name = "--cache", description = "cache mode of disk device")
    String cache;
    @Option(name = "--io", description = "io policy of disk device")
    String io;
    @Option(name = "--type", description = "target device type")
    String type;
    @Option(name = "--mode", description = "mode of device reading and writing")
    String mode;
    @Option(name = "--shareable", description = "mode=shareable")
    boolean shareable;
    @Option(name = "--sourcetype", description = "type of source (block|file|network)")
    String sourcetype;
    @Option(name = "--serial", description = "serial of disk device")
    String serial;
    @Option(name = "--wwn", description = "wwn of disk device")
    String wwn;
    @Option(name = "--alias", description = "custom alias name of disk device")
    String alias;
    @Option(name = "--rawio", description = "needs rawio capability")
    boolean rawio;
    @Option(name = "--print-xml", description = "print XML document rather than attach the disk")
    boolean printXml;
    @Option(name = "--source-protocol", description = "protocol used by disk device source")
    String sourceProtocol;
    @Option(name = "--source-host-name", description = "host name for source of disk device")
    String sourceHostName;
    @Option(name = "--source-host-transport", description = "host transport for source of disk device")
    String sourceHostTransport;
    @Option(name = "--source-host-socket", description = "host socket for source of disk device")
    String sourceHostSocket;

    @Override
    protected void run(Connection conn) {
        checkAffect();
        requires(sourceHostName != null, "source-host-name", sourceProtocol != null, "source-protocol");
        requires(sourceHostTransport != null, "source-host-transport", sourceProtocol != null, "source-protocol");
        requires(sourceHostSocket != null, "source-host-socket", sourceProtocol != null, "source-protocol");
        requires(sourceHostSocket != null, "source-host-socket", sourceHostTransport != null,
                "source-host-transport");
        exclusive(sourceHostName != null, "source-host-name", sourceHostSocket != null, "source-host-socket");
        if (shareable && mode != null) {
            throw failure("option --mode already seen");
        }
        int flags = requestedFlags();
        String xml = xml();
        if (printXml) {
            out().print(xml);
            out().println();
            return;
        }
        Domain d = Lookup.domain(conn, domain);
        flags = withPersistent(d, flags);
        try {
            attach(d, xml, flags);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to attach disk", e);
        }
        out().println("Disk attached successfully");
        out().println();
    }

    /** The {@code <disk>} element, as virsh's cmdAttachDisk builds it, with its checks in virsh's order. */
    String xml() {
        nonEmpty("target", target);
        String driverName = nonEmpty("driver", driver);
        nonEmpty("subdriver", subdriver);
        nonEmpty("type", type);
        String diskMode = shareable ? "shareable" : nonEmpty("mode", mode);
        nonEmpty("iothread", iothread);
        nonEmpty("cache", cache);
        nonEmpty("io", io);
        nonEmpty("serial", serial);
        nonEmpty("wwn", wwn);
        nonEmpty("targetbus", targetbus);
        nonEmpty("alias", alias);
        nonEmpty("sourcetype", sourcetype);
        nonEmpty("source-protocol", sourceProtocol);
        nonEmpty("source-host-name", sourceHostName);
        nonEmpty("source-host-transport", sourceHostTransport);
        nonEmpty("source-host-socket", sourceHostSocket);

        String sourceType = sourcetype;
        if (sourceType != null && !SOURCE_TYPES.contains(sourceType)) {
            throw failure("Unknown source type: '" + sourceType + "'");
        }
        if (sourceType == null) {
            if (sourceProtocol != null) {
                sourceType = "network";
            } else if (!"file".equals(driverName) && !"tap".equals(driverName) && isBlockDevice(source)) {
                sourceType = "block";
            } else {
                sourceType = "file";
            }
        }
        if (sourceType.equals("network") != (sourceProtocol != null)) {
            throw failure("--source-protocol option requires --sourcetype network");
        }
        if (diskMode != null && !diskMode.equals("readonly") && !diskMode.equals("shareable")) {
            throw failure("No support for " + diskMode + " in command 'attach-disk'");
        }
        if (wwn != null && !validWwn(wwn)) {
            throw failure("internal error: Malformed wwn: " + wwn);
        }

        StringBuilder children = new StringBuilder();
        String driverAttributes = attribute("name", driverName) + attribute("type", subdriver)
                + attribute("iothread", iothread) + attribute("cache", cache) + attribute("io", io);
        element(children, "driver", driverAttributes, "");
        String sourceAttributes = "";
        String sourceChildren = "";
        switch (sourceType) {
            case "file" -> sourceAttributes = attribute("file", source);
            case "block" -> sourceAttributes = attribute("dev", source);
            default -> {
                sourceAttributes = attribute("protocol", sourceProtocol) + attribute("name", source);
                String hostAttributes = attribute("transport", sourceHostTransport)
                        + attribute("socket", sourceHostSocket);
                if (sourceHostName != null) {
                    int colon = sourceHostName.indexOf(':');
                    hostAttributes += colon < 0 ? attribute("name", sourceHostName)
                            : attribute("name", sourceHostName.substring(0, colon))
                            + attribute("port", sourceHostName.substring(colon + 1));
                }
                StringBuilder host = new StringBuilder();
                element(host, "host", hostAttributes, "");
                sourceChildren = indent(host.toString());
            }
        }
        element(children, "source", sourceAttributes, sourceChildren);
        children.append("<target dev='").append(target).append('\'');
        if (targetbus != null) {
            children.append(" bus='").append(targetbus).append('\'');
        }
        children.append("/>\n");
        if (diskMode != null) {
            children.append('<').append(diskMode).append("/>\n");
        }
        if (serial != null) {
            children.append("<serial>").append(serial).append("</serial>\n");
        }
        if (alias != null) {
            children.append("<alias name='").append(alias).append("'/>\n");
        }
        if (wwn != null) {
            children.append("<wwn>").append(wwn).append("</wwn>\n");
        }
        String diskAttributes = " type='" + sourceType + "'" + attribute("device", type)
                + (rawio ? " rawio='yes'" : "");
        StringBuilder disk = new StringBuilder();
        element(disk, "disk", diskAttributes, indent(children.toString()));
        return disk.toString();
    }

    /** virBufferEscapeString(" name='%s'", value): nothing for a null value. */
    static String attribute(String name, String value) {
        return value == null ? "" : " " + name + "='" + XmlText.escape(value) + "'";
    }

    /**
     * libvirt's virXMLFormatElement: nothing when there are neither attributes nor children,
     * {@code <name attrs/>} without children, else the children (already indented) between the tags.
     */
    static void element(StringBuilder out, String name, String attributes, String children) {
        if (attributes.isEmpty() && children.isEmpty()) {
            return;
        }
        out.append('<').append(name).append(attributes);
        if (children.isEmpty()) {
            out.append("/>\n");
        } else {
            out.append(">\n").append(children).append("</").append(name).append(">\n");
        }
    }

    /** Each line two spaces deeper, as a child buffer of virBuffer is. */
    static String indent(String lines) {
        return lines.isEmpty() ? "" : ("  " + lines.replace("\n", "\n  ")).replaceAll(" +$", "");
    }

    /** libvirt's virValidateWWN: 16 hex digits, optionally after {@code 0x}. */
    static boolean validWwn(String wwn) {
        String p = wwn.startsWith("0x") ? wwn.substring(2) : wwn;
        return p.length() == 16 && p.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
                || (c >= 'A' && c <= 'F'));
    }

    /** Whether {@code source} is a block device on this host (stat's S_ISBLK). */
    static boolean isBlockDevice(String source) {
        if (source == null || source.isEmpty()) {
            return false;
        }
        try {
            Object mode = java.nio.file.Files.getAttribute(Path.of(source), "unix:mode");
            return mode instanceof Integer m && (m & 0170000) == 0060000;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
