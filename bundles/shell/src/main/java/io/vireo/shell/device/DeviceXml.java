package io.vireo.shell.device;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a domain document detach-disk and detach-interface need, read and written back as virsh
 * does with libxml2: the device elements of {@code /domain/devices}, each written as
 * {@code virXMLNodeToString} writes a node (xmlNodeDump without formatting). That keeps the document's
 * own whitespace inside the element (so inner lines keep their indentation and the first line has none),
 * quotes attributes with {@code "}, writes elements without children as {@code <x/>}, and escapes as
 * libxml2 does for a document without a declared encoding: in attribute values {@code < > & "}, tab,
 * newline, carriage return and every non-ASCII character (as {@code &#xE9;}); in text only
 * {@code < > &} and carriage return.
 *
 * <p>The document is read with the JDK's own StAX parser (document order of attributes, whitespace kept),
 * DTDs and external entities refused.
 */
final class DeviceXml {
    /** A node of the document: an element, text, a comment or a processing instruction. */
    sealed interface Node permits Element, Text, Comment, Instruction {
    }

    record Attribute(String name, String value) {
    }

    record Text(String text) implements Node {
    }

    record Comment(String text) implements Node {
    }

    record Instruction(String target, String data) implements Node {
    }

    /** An element: its qualified name, namespace declarations and attributes in document order, children. */
    static final class Element implements Node {
        final String name;
        final List<Attribute> namespaces = new ArrayList<>();
        final List<Attribute> attributes = new ArrayList<>();
        final List<Node> children = new ArrayList<>();

        Element(String name) {
            this.name = name;
        }

        /** The attribute's value, or null. */
        String attribute(String attributeName) {
            for (Attribute a : attributes) {
                if (a.name().equals(attributeName)) {
                    return a.value();
                }
            }
            return null;
        }

        /** The child elements named {@code childName}, in order. */
        List<Element> elements(String childName) {
            List<Element> out = new ArrayList<>();
            for (Node n : children) {
                if (n instanceof Element e && e.name.equals(childName)) {
                    out.add(e);
                }
            }
            return out;
        }

        /** The first child element named {@code childName}, or null. */
        Element element(String childName) {
            List<Element> all = elements(childName);
            return all.isEmpty() ? null : all.get(0);
        }

        /** This element's {@code child/@attribute} as XPath's string() gives it: "" when absent. */
        String childAttribute(String childName, String attributeName) {
            Element child = element(childName);
            String value = child == null ? null : child.attribute(attributeName);
            return value == null ? "" : value;
        }

        /** Removes the first child element named {@code childName} (the whitespace around it stays). */
        void removeFirst(String childName) {
            for (int i = 0; i < children.size(); i++) {
                if (children.get(i) instanceof Element e && e.name.equals(childName)) {
                    children.remove(i);
                    return;
                }
            }
        }

        /** A deep copy. */
        Element copy() {
            Element c = new Element(name);
            c.namespaces.addAll(namespaces);
            c.attributes.addAll(attributes);
            for (Node n : children) {
                c.children.add(n instanceof Element e ? e.copy() : n);
            }
            return c;
        }
    }

    private DeviceXml() {
    }

    /**
     * The elements named {@code device} under {@code /domain/devices} of the domain document {@code xml},
     * in document order; none when the root is not {@code <domain>}. IllegalArgumentException when the
     * document cannot be read.
     */
    static List<Element> devices(String xml, String device) {
        Element root = parse(xml);
        List<Element> out = new ArrayList<>();
        if (!root.name.equals("domain")) {
            return out;
        }
        for (Element devices : root.elements("devices")) {
            out.addAll(devices.elements(device));
        }
        return out;
    }

    static Element parse(String xml) {
        try {
            XMLInputFactory f = XMLInputFactory.newDefaultFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
            f.setProperty(XMLInputFactory.IS_COALESCING, true);
            XMLStreamReader r = f.createXMLStreamReader(new StringReader(xml));
            try {
                return read(r);
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable domain XML: " + e.getMessage(), e);
        }
    }

    private static Element read(XMLStreamReader r) throws XMLStreamException {
        List<Element> open = new ArrayList<>();
        Element root = null;
        while (r.hasNext()) {
            int event = r.next();
            Element parent = open.isEmpty() ? null : open.get(open.size() - 1);
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    Element e = new Element(qualified(r.getPrefix(), r.getLocalName()));
                    for (int i = 0; i < r.getNamespaceCount(); i++) {
                        String prefix = r.getNamespacePrefix(i);
                        e.namespaces.add(new Attribute(prefix == null || prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix,
                                r.getNamespaceURI(i)));
                    }
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        e.attributes.add(new Attribute(qualified(r.getAttributePrefix(i), r.getAttributeLocalName(i)),
                                r.getAttributeValue(i)));
                    }
                    if (parent != null) {
                        parent.children.add(e);
                    } else if (root == null) {
                        root = e;
                    }
                    open.add(e);
                }
                case XMLStreamConstants.END_ELEMENT -> open.remove(open.size() - 1);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA -> {
                    if (parent != null) {
                        String text = r.getText();
                        int last = parent.children.size() - 1;
                        if (last >= 0 && parent.children.get(last) instanceof Text t) {
                            parent.children.set(last, new Text(t.text() + text));
                        } else {
                            parent.children.add(new Text(text));
                        }
                    }
                }
                case XMLStreamConstants.COMMENT -> {
                    if (parent != null) {
                        parent.children.add(new Comment(r.getText()));
                    }
                }
                case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    if (parent != null) {
                        parent.children.add(new Instruction(r.getPITarget(), r.getPIData()));
                    }
                }
                default -> {
                    // document start/end, DTD (refused by the factory), entity references (none undeclared)
                }
            }
        }
        if (root == null) {
            throw new IllegalArgumentException("no root element");
        }
        return root;
    }

    private static String qualified(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    /** The element as virXMLNodeToString writes it. */
    static String write(Element e) {
        StringBuilder sb = new StringBuilder();
        write(sb, e);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Node node) {
        if (node instanceof Element e) {
            sb.append('<').append(e.name);
            for (Attribute a : e.namespaces) {
                sb.append(' ').append(a.name()).append("=\"").append(escapeAttribute(a.value())).append('"');
            }
            for (Attribute a : e.attributes) {
                sb.append(' ').append(a.name()).append("=\"").append(escapeAttribute(a.value())).append('"');
            }
            if (e.children.isEmpty()) {
                sb.append("/>");
                return;
            }
            sb.append('>');
            for (Node child : e.children) {
                write(sb, child);
            }
            sb.append("</").append(e.name).append('>');
        } else if (node instanceof Text t) {
            sb.append(escapeText(t.text()));
        } else if (node instanceof Comment c) {
            sb.append("<!--").append(c.text()).append("-->");
        } else if (node instanceof Instruction p) {
            sb.append("<?").append(p.target());
            if (p.data() != null && !p.data().isEmpty()) {
                sb.append(' ').append(p.data());
            }
            sb.append("?>");
        }
    }

    /** libxml2's escaping of an attribute value in a document without a declared encoding. */
    static String escapeAttribute(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> {
                    if (c >= 0x80) {
                        out.append("&#x").append(Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)).append(';');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** libxml2's escaping of text content. */
    static String escapeText(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * libvirt's virMacAddrCompare: MAC addresses compared case-insensitively, leading zeros of each octet
     * ignored ({@code 52:54:0:AA:bb:0c} equals {@code 52:54:00:aa:bb:0c}); 0 when equal.
     */
    static int compareMac(String p, String q) {
        int i = 0;
        int j = 0;
        int c;
        int d;
        do {
            while (at(p, i) == '0' && isHex(at(p, i + 1))) {
                i++;
            }
            while (at(q, j) == '0' && isHex(at(q, j + 1))) {
                j++;
            }
            c = Character.toUpperCase(at(p, i));
            d = Character.toUpperCase(at(q, j));
            i++;
            j++;
        } while (c == d && d != 0);
        return c - d;
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
