package io.vireo.driver.qemu;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vireo.driver.support.monitor.JsonLineClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns the option strings the command-line builder made for one device ({@code -blockdev}, {@code -netdev},
 * {@code -device}) into the arguments of the matching QMP command, so that a hot-plugged device is exactly
 * the one a cold start would have made.
 */
final class QmpArgs {
    /** Keys whose on/off value QMP's strict (QAPI-typed) commands want as a JSON boolean. */
    private static final Set<String> BOOLEANS = Set.of("read-only", "direct", "no-flush", "vhost", "auto-read-only",
            "force-share", "detect-zeroes-unmap");

    private QmpArgs() {
    }

    /** Splits {@code a=b,c=d,,e} on single commas; a doubled comma is a literal one. */
    static List<String> split(String options) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (c == ',') {
                if (i + 1 < options.length() && options.charAt(i + 1) == ',') {
                    cur.append(',');
                    i++;
                    continue;
                }
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    /** {@code -blockdev} options as blockdev-add arguments: dotted keys nest, on/off become booleans. */
    static ObjectNode blockdev(String options) {
        ObjectNode root = JsonLineClient.arguments();
        for (String part : split(options)) {
            int eq = part.indexOf('=');
            String[] path = part.substring(0, eq).split("\\.");
            String value = part.substring(eq + 1);
            ObjectNode node = root;
            for (int i = 0; i < path.length - 1; i++) {
                node = node.has(path[i]) ? (ObjectNode) node.get(path[i]) : node.putObject(path[i]);
            }
            put(node, path[path.length - 1], value);
        }
        return root;
    }

    /** {@code -netdev TYPE,...} as netdev_add arguments. */
    static ObjectNode netdev(String options) {
        List<String> parts = split(options);
        ObjectNode args = JsonLineClient.arguments().put("type", parts.get(0));
        for (String part : parts.subList(1, parts.size())) {
            int eq = part.indexOf('=');
            put(args, part.substring(0, eq), part.substring(eq + 1));
        }
        return args;
    }

    /** {@code -device DRIVER,...} as device_add arguments (device_add takes property values as strings). */
    static ObjectNode device(String options) {
        List<String> parts = split(options);
        ObjectNode args = JsonLineClient.arguments().put("driver", parts.get(0));
        for (String part : parts.subList(1, parts.size())) {
            int eq = part.indexOf('=');
            args.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return args;
    }

    private static void put(ObjectNode node, String key, String value) {
        if (BOOLEANS.contains(key) && (value.equals("on") || value.equals("off"))) {
            node.put(key, value.equals("on"));
        } else {
            node.put(key, value);
        }
    }

    /** The value of {@code key} in an option string, or null. */
    static String value(String options, String key) {
        for (String part : split(options)) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return null;
    }
}
