package io.vireo.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A libvirt connection URI: {@code driver[+transport]://[user@][host][:port]/path[?params]}.
 * A URI without a host is local ({@code test:///default}); one with a host or a transport goes through the
 * remote protocol.
 */
public record ConnectUri(String driver, String transport, String user, String host, int port, String path,
                         Map<String, String> params) {

    public ConnectUri {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Parses {@code text}; a malformed URI fails with INVALID_ARG naming what is wrong. */
    public static ConnectUri parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text, "empty URI");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw invalid(text, e.getReason() + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw invalid(text, "no scheme (expected e.g. test:///default or qemu:///system)");
        }
        if (uri.isOpaque()) {
            throw invalid(text, "expected '" + scheme + "://'");
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        String driver = scheme;
        String transport = null;
        int plus = scheme.indexOf('+');
        if (plus >= 0) {
            driver = scheme.substring(0, plus);
            transport = scheme.substring(plus + 1);
            if (driver.isEmpty() || transport.isEmpty()) {
                throw invalid(text, "scheme must be driver+transport");
            }
        }
        if (uri.getRawAuthority() != null && uri.getHost() == null) {
            throw invalid(text, "cannot parse host '" + uri.getRawAuthority() + "'");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        return new ConnectUri(driver, transport, uri.getUserInfo(), uri.getHost(), uri.getPort(), path,
                parseQuery(text, uri.getRawQuery()));
    }

    private static Map<String, String> parseQuery(String text, String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw invalid(text, "bad query parameter '" + pair + "'");
            }
        }
        return params;
    }

    private static VirtException invalid(String text, String why) {
        return VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.URI, "Unable to parse URI %s: %s", text, why);
    }

    /** Whether this URI is served by a driver in this process (no host and no transport). */
    public boolean isLocal() {
        return (host == null || host.isEmpty()) && transport == null;
    }

    /** The same URI without transport, user, host and port: what the serving daemon opens locally. */
    public ConnectUri local() {
        return new ConnectUri(driver, null, null, null, -1, path, params);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(driver);
        if (transport != null) {
            sb.append('+').append(transport);
        }
        sb.append("://");
        if (user != null) {
            sb.append(user).append('@');
        }
        if (host != null) {
            sb.append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        }
        if (port >= 0) {
            sb.append(':').append(port);
        }
        sb.append(path);
        if (!params.isEmpty()) {
            sb.append('?');
            String sep = "";
            for (Map.Entry<String, String> e : params.entrySet()) {
                sb.append(sep).append(e.getKey());
                if (!e.getValue().isEmpty()) {
                    sb.append('=').append(e.getValue());
                }
                sep = "&";
            }
        }
        return sb.toString();
    }
}
