package io.vireo.xml.internal;

/** Shifts verbatim fragments left when they are read and right when they are written at a new depth. */
final class Indent {
    private Indent() {
    }

    /** Removes up to {@code n} leading spaces from every line but the first (which starts at the tag). */
    static String dedent(String s, int n) {
        if (n == 0 || s.indexOf('\n') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        String[] lines = s.split("\n", -1);
        out.append(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            int k = 0;
            while (k < n && k < l.length() && l.charAt(k) == ' ') {
                k++;
            }
            out.append('\n').append(l, k, l.length());
        }
        return out.toString();
    }

    /** Prefixes every non-empty line with {@code prefix}. */
    static void indentInto(StringBuilder out, String s, String prefix) {
        String[] lines = s.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            if (!lines[i].isEmpty()) {
                out.append(prefix).append(lines[i]);
            }
        }
    }
}
