package io.vireo.shell.support;

/** Text put into the XML documents virsh writes itself, escaped as libvirt's virBufferEscapeString does. */
public final class XmlText {
    private XmlText() {
    }

    /** Escapes {@code < > & ' "}; drops control characters other than tab, newline and carriage return. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\'' -> out.append("&apos;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
