package io.vireo.shell.device;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
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

import java.math.BigInteger;
import java.util.Set;

/**
 * virsh attach-interface: builds an {@code <interface>} element as virsh 9.0 writes it (values go in as
 * given, unescaped, as virsh does), then attaches it, or prints it with {@code --print-xml}. Types
 * {@code network}, {@code bridge} ({@code <source network|bridge=...>}), {@code direct}
 * ({@code <source dev=...>}) and {@code vhostuser} (with {@code --source-mode}); libvirt's other interface
 * types are refused as virsh refuses them, and so is {@code hostdev}, which is not offered here.
 * {@code --inbound}/{@code --outbound} take virsh's {@code average[,peak[,burst[,floor]]]}.
 */
@Command(scope = "virt", name = "attach-interface", description = "attach network interface",
        detailedDescription = "Attach new network interface.")
@Service
@Parsing(VirshParser.class)
public class AttachInterfaceCommand extends DeviceCommand {
    /** libvirt's interface types (virDomainNetType): any other is an unknown type. */
    static final Set<String> NET_TYPES = Set.of("user", "ethernet", "vhostuser", "server", "client", "mcast",
            "network", "bridge", "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds");
    private static final BigInteger ULLONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "type", description = "network interface type", required = true)
    String type;

    @Argument(index = 2, name = "source", description = "source of network interface", required = true)
    String source;

    @Option(name = "--target", description = "target network name")
    String target;
    @Option(name = "--mac", description = "MAC address")
    String mac;
    @Option(name = "--script", description = "script used to bridge network interface")
    String script;
    @Option(name = "--model", description = "model type")
    String model;
    @Option(name = "--alias", description = "custom alias name of interface device")
    String alias;
    @Option(name = "--inbound", description = "control domain's incoming traffics")
    String inbound;
    @Option(name = "--outbound", description = "control domain's outgoing traffics")
    String outbound;
    @Option(name = "--print-xml", description = "print XML document rather than attach the interface")
    boolean printXml;
    @Option(name = "--managed", description = "libvirt will automatically detach/attach the device from/to host")
    boolean managed;
    @Option(name = "--source-mode", description = "mode attribute of <source/> element")
    String sourceMode;

    @Override
    protected void run(Connection conn) {
        checkAffect();
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
            throw CommandFailure.wrap("Failed to attach interface", e);
        }
        out().println("Interface attached successfully");
        out().println();
    }

    /** The {@code <interface>} element, as virsh's cmdAttachInterface builds it, checks in virsh's order. */
    String xml() {
        for (String[] option : new String[][] {{"type", type}, {"source", source}, {"target", target},
                {"mac", mac}, {"script", script}, {"model", model}, {"alias", alias}, {"inbound", inbound},
                {"outbound", outbound}, {"source-mode", sourceMode}}) {
            nonEmpty(option[0], option[1]);
        }
        if (!NET_TYPES.contains(type)) {
            throw unsupported();
        }
        if (sourceMode != null && !sourceMode.equals("server") && !sourceMode.equals("client")) {
            throw failure("Invalid source mode: " + sourceMode);
        }
        long[] in = null;
        long[] out = null;
        if (inbound != null) {
            in = rate(inbound);
            if (in[0] == 0 && in[3] == 0) {
                throw failure("either inbound average or floor is mandatory");
            }
        }
        if (outbound != null) {
            out = rate(outbound);
            if (out[0] == 0) {
                throw failure("outbound average is mandatory");
            }
            if (out[3] != 0) {
                throw failure("outbound floor is unsupported yet");
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<interface type='").append(type).append('\'').append(managed ? " managed='yes'>\n" : ">\n");
        switch (type) {
            case "network", "bridge" -> sb.append("  <source ").append(type).append("='").append(source)
                    .append("'/>\n");
            case "direct" -> sb.append("  <source dev='").append(source).append("'/>\n");
            case "vhostuser" -> {
                if (sourceMode == null) {
                    throw failure("source-mode is mandatory");
                }
                sb.append("  <source type='unix' path='").append(source).append("' mode='").append(sourceMode)
                        .append("'/>\n");
            }
            default -> throw unsupported();
        }
        line(sb, "target dev", target);
        line(sb, "mac address", mac);
        line(sb, "script path", script);
        line(sb, "model type", model);
        line(sb, "alias name", alias);
        if (inbound != null || outbound != null) {
            sb.append("  <bandwidth>\n");
            if (in != null && (in[0] != 0 || in[3] != 0)) {
                sb.append("    <inbound");
                rateAttribute(sb, "average", in[0]);
                rateAttribute(sb, "peak", in[1]);
                rateAttribute(sb, "burst", in[2]);
                rateAttribute(sb, "floor", in[3]);
                sb.append("/>\n");
            }
            if (out != null && out[0] != 0) {
                sb.append("    <outbound average='").append(Long.toUnsignedString(out[0])).append('\'');
                rateAttribute(sb, "peak", out[1]);
                rateAttribute(sb, "burst", out[2]);
                sb.append("/>\n");
            }
            sb.append("  </bandwidth>\n");
        }
        sb.append("</interface>\n");
        return sb.toString();
    }

    private CommandFailure unsupported() {
        return failure("No support for " + type + " in command 'attach-interface'");
    }

    private static void line(StringBuilder sb, String elementAndAttribute, String value) {
        if (value != null) {
            sb.append("  <").append(elementAndAttribute).append("='").append(value).append("'/>\n");
        }
    }

    private static void rateAttribute(StringBuilder sb, String name, long value) {
        if (value != 0) {
            sb.append(' ').append(name).append("='").append(Long.toUnsignedString(value)).append('\'');
        }
    }

    /**
     * virsh's virshParseRateStr: up to four comma-separated fields average, peak, burst, floor; an empty
     * field is 0; a field must be a whole unsigned number.
     */
    static long[] rate(String text) {
        String[] fields = text.split(",", -1);
        if (fields.length > 4) {
            throw failure("Rate string '" + text + "' has too many fields");
        }
        String[] names = {"average", "peak", "burst", "floor"};
        long[] values = new long[4];
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].isEmpty()) {
                continue;
            }
            Long v = unsignedLong(fields[i]);
            if (v == null) {
                throw failure("field '" + names[i] + "' is malformed");
            }
            values[i] = v;
        }
        return values;
    }

    /**
     * libvirt's virStrToLong_ullp in base 10: leading blanks and one sign allowed, no negative value, the
     * whole string a number that fits 64 bits unsigned; null otherwise.
     */
    static Long unsignedLong(String s) {
        String t = s.stripLeading();
        if (t.startsWith("+")) {
            t = t.substring(1);
        } else if (t.startsWith("-")) {
            return null;
        }
        if (t.isEmpty() || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        BigInteger v = new BigInteger(t);
        return v.compareTo(ULLONG_MAX) > 0 ? null : v.longValue();
    }
}
