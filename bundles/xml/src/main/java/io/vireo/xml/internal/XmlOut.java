package io.vireo.xml.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An element to be written in libvirt's layout: two-space indentation, attributes in single quotes,
 * empty elements as {@code <boot dev='hd'/>}, no XML declaration, a newline after the root.
 *
 * <p>Why our own writer rather than Jackson's XmlMapper or a StAX writer with a pretty printer: the
 * layout is the contract (dumpxml output is compared byte for byte by tools and tests), and neither
 * Woodstox nor Jackson can write single-quoted attributes; post-processing their output would mean
 * re-tokenising XML. Formatters build a small tree of these and render it, which is about fifty lines
 * and has nothing to configure.
 */
public final class XmlOut {
    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Object> children = new ArrayList<>(); // XmlOut or Raw
    private String text;
    private boolean keepOpen;

    private record Raw(String xml) {
    }

    private XmlOut(String name) {
        this.name = name;
    }

    public static XmlOut element(String name) {
        return new XmlOut(name);
    }

    /** Adds an attribute; a null value adds nothing, so optional attributes need no if. */
    public XmlOut attr(String key, Object value) {
        if (value != null) {
            attributes.put(key, value.toString());
        }
        return this;
    }

    /** Adds yes/no attribute for a Boolean; null adds nothing. */
    public XmlOut yesNo(String key, Boolean value) {
        return attr(key, value == null ? null : value ? "yes" : "no");
    }

    /** Adds on/off attribute for a Boolean; null adds nothing. */
    public XmlOut onOff(String key, Boolean value) {
        return attr(key, value == null ? null : value ? "on" : "off");
    }

    public XmlOut text(Object value) {
        this.text = value == null ? null : value.toString();
        return this;
    }

    /** Adds a child; null adds nothing. */
    public XmlOut add(XmlOut child) {
        if (child != null) {
            children.add(child);
        }
        return this;
    }

    /** Adds {@code <name>text</name>} when text is not null. */
    public XmlOut leaf(String childName, Object childText) {
        if (childText != null) {
            children.add(element(childName).text(childText));
        }
        return this;
    }

    /** Adds {@code <name/>} when the flag is true. */
    public XmlOut flag(String childName, boolean present) {
        if (present) {
            children.add(element(childName));
        }
        return this;
    }

    /** Adds a verbatim fragment (dedented XML); it is re-indented to this depth. */
    public XmlOut raw(String xml) {
        if (xml != null && !xml.isEmpty()) {
            children.add(new Raw(xml));
        }
        return this;
    }

    /** Writes {@code <x>\n</x>} rather than {@code <x/>} when there are no children, as libvirt does for some. */
    public XmlOut keepOpen() {
        this.keepOpen = true;
        return this;
    }

    public boolean hasContent() {
        return !attributes.isEmpty() || !children.isEmpty() || text != null;
    }

    /** The document, ending with a newline as libvirt's format functions return it. */
    public String toXml() {
        StringBuilder sb = new StringBuilder(1024);
        write(sb, 0);
        return sb.toString();
    }

    private void write(StringBuilder sb, int depth) {
        String indent = "  ".repeat(depth);
        sb.append(indent).append('<').append(name);
        attributes.forEach((k, v) -> sb.append(' ').append(k).append("='").append(escape(v)).append('\''));
        if (text != null) {
            sb.append('>').append(escape(text)).append("</").append(name).append(">\n");
        } else if (children.isEmpty() && !keepOpen) {
            sb.append("/>\n");
        } else {
            sb.append(">\n");
            for (Object c : children) {
                if (c instanceof XmlOut x) {
                    x.write(sb, depth + 1);
                } else {
                    Indent.indentInto(sb, ((Raw) c).xml(), indent + "  ");
                    sb.append('\n');
                }
            }
            sb.append(indent).append("</").append(name).append(">\n");
        }
    }

    /** Escapes as libvirt does in both text and attributes: markup characters and both quotes. */
    static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '\'' -> "&apos;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (rep != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (rep != null) {
                    out.append(rep);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
