package io.vireo.xml.internal;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.xml.Units;
import java.util.Set;
import java.util.UUID;

/**
 * Reads typed values out of elements and attributes and reports bad ones the way libvirt does: one
 * message naming the element, the attribute and the offending value. One instance per document kind,
 * carrying the error domain libvirt uses for it.
 */
public final class Values {
    public static final Values DOMAIN = new Values(ErrorDomain.DOMAIN);
    public static final Values NETWORK = new Values(ErrorDomain.NETWORK);
    public static final Values STORAGE = new Values(ErrorDomain.STORAGE);
    public static final Values SNAPSHOT = new Values(ErrorDomain.DOMAIN_SNAPSHOT);

    private final ErrorDomain domain;

    private Values(ErrorDomain domain) {
        this.domain = domain;
    }

    public ErrorDomain domain() {
        return domain;
    }

    /** An invalid-document error: "XML error: ..." in this document's error domain. */
    public VirtException error(String format, Object... args) {
        return VirtException.of(ErrorCode.XML_ERROR, domain, format, args);
    }

    public void expectRoot(XmlNode root, String name) {
        if (root == null) {
            throw error("document has no root element");
        }
        if (!root.name().equals(name)) {
            throw error("expecting root element of '%s', not '%s'", name, root.name());
        }
    }

    public XmlNode requireChild(XmlNode node, String child) {
        XmlNode c = node.child(child);
        if (c == null) {
            throw error("missing required element '%s' in <%s>", child, node.name());
        }
        return c;
    }

    public String requireAttr(XmlNode node, String attr) {
        String v = node.attr(attr);
        if (v == null || v.isEmpty()) {
            throw error("missing required attribute '%s' in <%s>", attr, node.name());
        }
        return v;
    }

    /** An attribute that must be one of {@code allowed} when present; null when absent. */
    public String enumAttr(XmlNode node, String attr, Set<String> allowed) {
        String v = node.attr(attr);
        if (v != null && !allowed.contains(v)) {
            throw invalidAttr(node, attr, v);
        }
        return v;
    }

    /** Element text that must be one of {@code allowed}; null when the element is absent. */
    public String enumText(XmlNode parent, String child, Set<String> allowed) {
        String v = parent.childText(child);
        if (v != null && !allowed.contains(v)) {
            throw error("invalid value '%s' for <%s> in <%s>", v, child, parent.name());
        }
        return v;
    }

    public VirtException invalidAttr(XmlNode node, String attr, String value) {
        return error("Invalid value for attribute '%s' in element '%s': '%s'.", attr, node.name(), value);
    }

    public Integer intAttr(XmlNode node, String attr) {
        String v = node.attr(attr);
        if (v == null) {
            return null;
        }
        try {
            return Integer.decode(v.trim());
        } catch (NumberFormatException e) {
            throw invalidAttr(node, attr, v);
        }
    }

    public Long longAttr(XmlNode node, String attr) {
        String v = node.attr(attr);
        if (v == null) {
            return null;
        }
        try {
            return Long.decode(v.trim());
        } catch (NumberFormatException e) {
            throw invalidAttr(node, attr, v);
        }
    }

    /** yes/no (and on/off, which libvirt accepts in a few places) as a Boolean; null when absent. */
    public Boolean yesNo(XmlNode node, String attr) {
        String v = node.attr(attr);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "yes", "on" -> Boolean.TRUE;
            case "no", "off" -> Boolean.FALSE;
            default -> throw invalidAttr(node, attr, v);
        };
    }

    /** A non-negative integer in element text. */
    public long unsignedText(XmlNode node) {
        String t = node.text();
        try {
            long v = Long.parseLong(t);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error("Invalid value '%s' for element <%s>: expected a non-negative integer", t, node.name());
    }

    /** A scaled size element such as {@code <memory unit='MiB'>512</memory>}, in KiB (rounded up). */
    public long kib(XmlNode node) {
        return scaled(node, true);
    }

    /** A scaled size element such as {@code <capacity unit='G'>10</capacity>}, in bytes. */
    public long bytes(XmlNode node) {
        return scaled(node, false);
    }

    private long scaled(XmlNode node, boolean kib) {
        long v = unsignedText(node);
        String unit = node.attr("unit");
        try {
            return kib ? Units.toKiB(v, unit) : Units.toBytes(v, unit);
        } catch (VirtException e) {
            if (e.code() == ErrorCode.OVERFLOW) {
                throw e; // libvirt reports this one as it is: "numerical overflow: value too large: 9G"
            }
            throw error("unknown unit '%s' in <%s>", unit, node.name());
        }
    }

    /** A UUID with or without dashes, as libvirt accepts it. */
    public UUID uuid(XmlNode node) {
        String t = node.text();
        UUID u = parseUuid(t);
        if (u == null) {
            throw error("malformed uuid element: '%s'", t);
        }
        return u;
    }

    static UUID parseUuid(String t) {
        String hex = t.replace("-", "").replace(" ", "");
        if (hex.length() != 32) {
            return null;
        }
        try {
            long hi = Long.parseUnsignedLong(hex.substring(0, 16), 16);
            long lo = Long.parseUnsignedLong(hex.substring(16), 16);
            return new UUID(hi, lo);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The object name: present, not empty, no '/', as libvirt requires for files named after it. */
    public String name(XmlNode root) {
        XmlNode n = requireChild(root, "name");
        String name = n.text();
        checkName(name, root.name());
        return name;
    }

    public void checkName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw error("missing required element 'name' in <%s>", what);
        }
        if (name.indexOf('/') >= 0) {
            throw error("name %s cannot contain '/'", name);
        }
    }

    /** A MAC address in canonical lower-case form; libvirt's messages for bad and multicast ones. */
    public String mac(XmlNode node, String attr) {
        String v = requireAttr(node, attr);
        String mac = Macs.canonical(v);
        if (mac == null) {
            throw error("unable to parse mac address '%s'", v);
        }
        if (Macs.isMulticast(mac)) {
            throw error("expected unicast mac address, found multicast '%s'", v);
        }
        return mac;
    }
}
