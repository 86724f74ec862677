package io.vireo.driver.support.domain;

import io.vireo.api.DomainState;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the daemon keeps about a running guest in its run directory, beside the live definition, so that
 * after a restart it finds the guest again: the process (PID and start time, so a reused PID is never
 * taken for it), the domain ID, the state, and the backend's own facts (monitor socket and the like).
 */
public record LiveRecord(long pid, long startTicks, int id, DomainState state, int reason, long startedMillis,
                         Map<String, String> runtime) {
    private static final String RUNTIME_PREFIX = "runtime.";

    public LiveRecord {
        runtime = Map.copyOf(runtime);
    }

    public LiveRecord withState(DomainState newState, int newReason) {
        return new LiveRecord(pid, startTicks, id, newState, newReason, startedMillis, runtime);
    }

    /** The record as a properties text. */
    public String format() {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("starttime", Long.toString(startTicks));
        p.setProperty("id", Integer.toString(id));
        p.setProperty("state", state.name());
        p.setProperty("reason", Integer.toString(reason));
        p.setProperty("started", Long.toString(startedMillis));
        runtime.forEach((k, v) -> p.setProperty(RUNTIME_PREFIX + k, v));
        StringWriter out = new StringWriter();
        try {
            p.store(out, "Vireo live guest record: do not edit while the guest runs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Parses {@link #format()}'s text; IllegalArgumentException when a field is missing or malformed. */
    public static LiveRecord parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Map<String, String> runtime = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith(RUNTIME_PREFIX)) {
                runtime.put(k.substring(RUNTIME_PREFIX.length()), p.getProperty(k));
            }
        }
        return new LiveRecord(Long.parseLong(required(p, "pid")), Long.parseLong(required(p, "starttime")),
                Integer.parseInt(required(p, "id")), DomainState.valueOf(required(p, "state")),
                Integer.parseInt(required(p, "reason")), Long.parseLong(required(p, "started")), runtime);
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return v.trim();
    }
}
