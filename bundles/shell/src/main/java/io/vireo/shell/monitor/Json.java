package io.vireo.shell.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for qemu-monitor-command, read and written as libvirt 9.0 does with yajl: objects keep
 * their members' order, numbers keep the text they were written with, and {@link #write} gives yajl's
 * output, compact ({@code {"execute":"query-status"}}) or beautified with two-space indentation (an empty
 * object is written as {@code {}} across two line breaks, as yajl writes it).
 */
final class Json {
    /** A JSON number, as written. */
    record Number(String text) {
    }

    /** JSON's null. */
    enum Null { NULL }

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /**
     * The value {@code text} holds: a {@code Map<String, Object>} (object), {@code List<Object>} (array),
     * String, {@link Number}, Boolean or {@link Null#NULL}; null when {@code text} is not one JSON value
     * (blanks around it allowed).
     */
    static Object parse(String text) {
        if (text == null) {
            return null;
        }
        Json p = new Json(text);
        try {
            Object v = p.value();
            p.blanks();
            return p.pos == text.length() ? v : null;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private Object value() {
        blanks();
        char c = text.charAt(pos);
        switch (c) {
            case '{' -> {
                pos++;
                Map<String, Object> m = new LinkedHashMap<>();
                blanks();
                if (peek() == '}') {
                    pos++;
                    return m;
                }
                while (true) {
                    blanks();
                    if (peek() != '"') {
                        throw new IllegalArgumentException("key expected");
                    }
                    String key = string();
                    blanks();
                    expect(':');
                    m.put(key, value());
                    blanks();
                    if (peek() == ',') {
                        pos++;
                    } else {
                        expect('}');
                        return m;
                    }
                }
            }
            case '[' -> {
                pos++;
                List<Object> l = new ArrayList<>();
                blanks();
                if (peek() == ']') {
                    pos++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    blanks();
                    if (peek() == ',') {
                        pos++;
                    } else {
                        expect(']');
                        return l;
                    }
                }
            }
            case '"' -> {
                return string();
            }
            default -> {
                if (text.startsWith("true", pos)) {
                    pos += 4;
                    return Boolean.TRUE;
                }
                if (text.startsWith("false", pos)) {
                    pos += 5;
                    return Boolean.FALSE;
                }
                if (text.startsWith("null", pos)) {
                    pos += 4;
                    return Null.NULL;
                }
                return number();
            }
        }
    }

    private Number number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else {
            digits();
        }
        if (peek() == '.') {
            pos++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
        }
        return new Number(text.substring(start, pos));
    }

    private void digits() {
        int start = pos;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
        if (pos == start) {
            throw new IllegalArgumentException("digit expected");
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> throw new IllegalArgumentException("bad escape");
            }
        }
    }

    private void blanks() {
        while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException("'" + c + "' expected");
        }
        pos++;
    }

    // Writing, after yajl_gen: its states decide where separators, line breaks and indentation go.

    private enum State { START, MAP_START, MAP_KEY, MAP_VAL, ARRAY_START, IN_ARRAY, COMPLETE }

    private static final class Gen {
        final boolean beautify;
        final StringBuilder out = new StringBuilder();
        final List<State> state = new ArrayList<>(List.of(State.START));

        Gen(boolean beautify) {
            this.beautify = beautify;
        }

        State top() {
            return state.get(state.size() - 1);
        }

        int depth() {
            return state.size() - 1;
        }

        void separator() {
            State s = top();
            if (s == State.MAP_KEY || s == State.IN_ARRAY) {
                out.append(',');
                if (beautify) {
                    out.append('\n');
                }
            } else if (s == State.MAP_VAL) {
                out.append(':');
                if (beautify) {
                    out.append(' ');
                }
            }
        }

        void whitespace() {
            if (beautify && top() != State.MAP_VAL) {
                out.append("  ".repeat(depth()));
            }
        }

        void appended() {
            State s = top();
            State next = switch (s) {
                case START -> State.COMPLETE;
                case MAP_START, MAP_KEY -> State.MAP_VAL;
                case ARRAY_START -> State.IN_ARRAY;
                case MAP_VAL -> State.MAP_KEY;
                default -> s;
            };
            state.set(state.size() - 1, next);
        }

        void finalNewline() {
            if (beautify && top() == State.COMPLETE) {
                out.append('\n');
            }
        }

        void atom(String s) {
            separator();
            whitespace();
            out.append(s);
            appended();
            finalNewline();
        }

        void open(char c, State inner) {
            separator();
            whitespace();
            state.add(inner);
            out.append(c);
            if (beautify) {
                out.append('\n');
            }
            finalNewline();
        }

        void close(char c) {
            state.remove(state.size() - 1);
            if (beautify) {
                out.append('\n');
            }
            appended();
            whitespace();
            out.append(c);
            finalNewline();
        }
    }

    /** The value as libvirt's virJSONValueToString writes it. */
    static String write(Object value, boolean pretty) {
        Gen g = new Gen(pretty);
        write(g, value);
        return g.out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(Gen g, Object value) {
        if (value instanceof Map<?, ?> m) {
            g.open('{', State.MAP_START);
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                g.atom(quote(e.getKey()));
                write(g, e.getValue());
            }
            g.close('}');
        } else if (value instanceof List<?> l) {
            g.open('[', State.ARRAY_START);
            for (Object o : l) {
                write(g, o);
            }
            g.close(']');
        } else if (value instanceof String s) {
            g.atom(quote(s));
        } else if (value instanceof Number n) {
            g.atom(n.text());
        } else if (value instanceof Boolean b) {
            g.atom(b.toString());
        } else {
            g.atom("null");
        }
    }

    /** yajl's string encoding: {@code " \ } and control characters escaped, the rest as is. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
