package io.vireo.xml.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of a parsed document: name, attributes in document order, child elements, text, and
 * where it sits in the source (line/column for messages, char offsets so that parts the model does not
 * interpret can be kept verbatim).
 */
public final class XmlNode {
    private final String source;
    private final String name;
    private final XmlNode parent;
    private final int line;
    private final int column;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<XmlNode> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private int start;
    private int contentStart;
    private int contentEnd;
    private int end;

    XmlNode(String source, String name, XmlNode parent, int line, int column) {
        this.source = source;
        this.name = name;
        this.parent = parent;
        this.line = line;
        this.column = column;
    }

    void setOffsets(int start, int contentStart) {
        this.start = start;
        this.contentStart = contentStart;
    }

    void setEndOffsets(int contentEnd, int end) {
        this.contentEnd = contentEnd;
        this.end = end;
    }

    void appendText(String s) {
        text.append(s);
    }

    void addAttribute(String key, String value) {
        attributes.put(key, value);
    }

    void addChild(XmlNode child) {
        children.add(child);
    }

    /** The qualified name as written (prefix:local when prefixed). */
    public String name() {
        return name;
    }

    public XmlNode parent() {
        return parent;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String attr(String key) {
        return attributes.get(key);
    }

    public boolean hasAttr(String key) {
        return attributes.containsKey(key);
    }

    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public List<XmlNode> children() {
        return Collections.unmodifiableList(children);
    }

    public List<XmlNode> children(String childName) {
        List<XmlNode> out = new ArrayList<>();
        for (XmlNode c : children) {
            if (c.name.equals(childName)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The first child of that name, as libvirt's XPath lookups take the first match; null if none. */
    public XmlNode child(String childName) {
        for (XmlNode c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** The text content of this element, trimmed; element children are not included. */
    public String text() {
        return text.toString().trim();
    }

    /** The text content exactly as written, whitespace included. */
    public String rawText() {
        return text.toString();
    }

    /** The text of the first child of that name, trimmed, or null if there is no such child. */
    public String childText(String childName) {
        XmlNode c = child(childName);
        return c == null ? null : c.text();
    }

    /** This element exactly as written in the source, its lines shifted left by its own indentation. */
    public String raw() {
        return Indent.dedent(source.substring(start, end), indentOf(start));
    }

    /** What lies between the start and end tag, verbatim, shifted left as {@link #raw()}; "" if empty. */
    public String innerRaw() {
        if (contentEnd <= contentStart) {
            return "";
        }
        String inner = source.substring(contentStart, contentEnd);
        String stripped = inner.strip();
        if (stripped.isEmpty()) {
            return "";
        }
        int first = contentStart + inner.indexOf(stripped.charAt(0));
        return Indent.dedent(stripped, indentOf(first));
    }

    /** Spaces before offset on its line, or 0 if something other than blanks precedes it there. */
    private int indentOf(int offset) {
        int i = offset;
        while (i > 0 && source.charAt(i - 1) == ' ') {
            i--;
        }
        return i == 0 || source.charAt(i - 1) == '\n' ? offset - i : 0;
    }

    /** "<disk>" or "<target> in <disk>", for messages. */
    public String describe() {
        return "<" + name + ">";
    }
}
