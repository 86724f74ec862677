package io.vireo.shell.conformance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes out of one side's output what legitimately differs between two runs of the same script: UUIDs
 * and MAC addresses that side generated (numbered in order of appearance, so they still have to match
 * each other), CPU times, snapshot creation times and snapshot names made from them, and trailing blank
 * lines. UUIDs and MACs the script or its files name, or that are fixtures, are kept as they are.
 */
final class Normalizer {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern MAC = Pattern.compile("52:54:00(:[0-9a-f]{2}){3}");
    private static final Pattern CPU_TIME = Pattern.compile("(?m)^(CPU time:\\s+)\\d+\\.\\ds$");
    private static final Pattern LOCAL_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}");
    private static final Pattern CREATION = Pattern.compile("<creationTime>\\d+</creationTime>");
    private static final Pattern EPOCH = Pattern.compile("\\b1\\d{9}\\b");

    private final Set<String> known;
    private final Map<String, String> generated = new LinkedHashMap<>();
    private final long now = Instant.now().getEpochSecond();

    /** @param knownText the script and its files: UUIDs and MACs found there are not generated ones */
    Normalizer(String knownText) {
        this.known = new java.util.HashSet<>();
        for (Pattern p : new Pattern[] {UUID, MAC}) {
            Matcher m = p.matcher(knownText.toLowerCase(java.util.Locale.ROOT));
            while (m.find()) {
                known.add(m.group());
            }
        }
    }

    String normalize(String output) {
        String s = output;
        s = CPU_TIME.matcher(s).replaceAll("$1<cpu-time>");
        s = LOCAL_TIME.matcher(s).replaceAll("<local-time>");
        s = CREATION.matcher(s).replaceAll("<creationTime><epoch></creationTime>");
        s = replace(s, EPOCH, m -> Math.abs(Long.parseLong(m) - now) < 86_400 ? "<epoch>" : m);
        s = replace(s, UUID, m -> known.contains(m) ? m : generated.computeIfAbsent(m, k -> "<uuid-" + (count("uuid") + 1) + ">"));
        s = replace(s, MAC, m -> known.contains(m) ? m : generated.computeIfAbsent(m, k -> "<mac-" + (count("mac") + 1) + ">"));
        return s.replaceAll("(?s)[ \\t\\n]*\\z", "").isEmpty() ? "" : stripTrailingBlankLines(s);
    }

    private static String stripTrailingBlankLines(String s) {
        String t = s;
        while (t.endsWith("\n\n")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.endsWith("\n") ? t : t + "\n";
    }

    private long count(String kind) {
        return generated.values().stream().filter(v -> v.startsWith("<" + kind + "-")).count();
    }

    private static String replace(String s, Pattern p, java.util.function.UnaryOperator<String> f) {
        Matcher m = p.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(f.apply(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
