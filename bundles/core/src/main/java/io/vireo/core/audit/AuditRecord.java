package io.vireo.core.audit;

import io.vireo.api.ErrorCode;

/**
 * One audited change: who made it, the libvirt API it was, the connection and object it was made to, and
 * how it ended ({@code code} is null when it succeeded). {@link #line()} is what the audit log holds.
 */
public record AuditRecord(String principal, String api, String uri, AuditTarget target, ErrorCode code,
                          String message) {

    public static AuditRecord ok(String principal, String api, String uri, AuditTarget target) {
        return new AuditRecord(principal, api, uri, target, null, null);
    }

    public static AuditRecord failed(String principal, String api, String uri, AuditTarget target, ErrorCode code,
                                     String message) {
        return new AuditRecord(principal, api, uri, target, code, message);
    }

    public boolean succeeded() {
        return code == null;
    }

    /**
     * One line of {@code key=value} pairs, values quoted when they hold spaces, quotes or '=':
     * {@code user=karaf@ssh(/127.0.0.1:40112) api=virDomainCreateWithFlags uri=test:///default domain=vm1
     * uuid=... result=ok}, or {@code ... result=error code=OPERATION_INVALID(55) message="..."}.
     */
    public String line() {
        StringBuilder sb = new StringBuilder();
        pair(sb, "user", principal);
        pair(sb, "api", api);
        pair(sb, "uri", uri);
        pair(sb, target.kind(), target.name());
        if (target.uuid() != null) {
            pair(sb, "uuid", target.uuid().toString());
        }
        if (succeeded()) {
            pair(sb, "result", "ok");
        } else {
            pair(sb, "result", "error");
            pair(sb, "code", code.name() + "(" + code.value() + ")");
            pair(sb, "message", message == null ? "" : message);
        }
        return sb.toString();
    }

    private static void pair(StringBuilder sb, String key, String value) {
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(key).append('=').append(quoted(value == null ? "" : value));
    }

    /** The value as is when it is one plain word, else in double quotes with \ " and line breaks escaped. */
    static String quoted(String value) {
        boolean plain = !value.isEmpty();
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != '\\' && c != 0x7f;
        }
        if (plain) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"', '\\' -> sb.append('\\').append(c);
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < ' ' || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
