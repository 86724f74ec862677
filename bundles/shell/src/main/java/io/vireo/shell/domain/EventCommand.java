package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.EventTopics;
import io.vireo.shell.support.DomainCompleter;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * virsh event: waits for domain lifecycle events and prints each as virsh does
 * ({@code event 'lifecycle' for domain 'vm1': Started Booted}), then {@code events received: N}.
 * Without {@code --loop} it stops after the first event; {@code --timeout} stops it after that many
 * seconds ({@code event loop timed out}), Ctrl-C at any time ({@code event loop interrupted}). As in
 * virsh, one of {@code --event lifecycle}, {@code --all} or {@code --list} is required; Vireo posts
 * lifecycle events only, so that is the one type it knows.
 */
@Command(scope = "virt", name = "event", description = "Domain Events")
@Service
@Parsing(VirshParser.class)
public class EventCommand extends VirtAction {
    static final String LIFECYCLE = "lifecycle";
    /** virsh's --timestamp prefix: the time in UTC, to the millisecond (libvirt's virTimeStringNowRaw). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'+0000'").withZone(ZoneOffset.UTC);

    @Option(name = "--domain", description = "filter by domain name, id or uuid")
    @Completion(DomainCompleter.class)
    String domain;

    @Option(name = "--event", description = "which event type to wait for")
    String event;

    @Option(name = "--all", description = "wait for all events instead of just one type")
    boolean all;

    @Option(name = "--loop", description = "loop until timeout or interrupt, rather than one-shot")
    boolean loop;

    @Option(name = "--timeout", description = "timeout seconds")
    String timeout;

    @Option(name = "--list", description = "list valid event types")
    boolean list;

    @Option(name = "--timestamp", description = "show timestamp for each printed event")
    boolean timestamp;

    /** Absent only outside OSGi (the standalone conformance harness): then no event can arrive. */
    @Reference(optional = true)
    BundleContext bundleContext;

    @Override
    protected void run(Connection conn) throws Exception {
        exclusive(all, "all", event != null, "event");
        exclusive(list, "list", all, "all");
        exclusive(list, "list", event != null, "event");
        PrintStream out = out();
        if (list) {
            out.println(LIFECYCLE);
            return;
        }
        if (event != null && !event.equals(LIFECYCLE)) {
            throw failure("unknown event type " + event);
        }
        if (event == null && !all) {
            throw failure("one of --list, --all, or --event <type> is required");
        }
        long waitMillis = timeout == null ? -1 : timeoutMillis(timeout);
        UUID only = domain == null ? null : Lookup.domain(conn, domain).uuid();
        long deadline = waitMillis < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + waitMillis;
        int count = 0;
        String end = null;
        try (DomainEventQueue events = new DomainEventQueue(bundleContext, conn.uri(), only)) {
            while (count == 0 || loop) {
                Event e = events.next(deadline == Long.MAX_VALUE ? -1
                        : Math.max(0, deadline - System.currentTimeMillis()));
                if (e == null) {
                    end = "event loop timed out";
                    break;
                }
                out.println(line(e, timestamp));
                out.flush();
                count++;
            }
        } catch (InterruptedException e) {
            end = "event loop interrupted";
        }
        if (end != null) {
            out.println(end);
        }
        out.println("events received: " + count);
    }

    /** virsh's --timeout: whole seconds, more than zero, that still fit in an int as milliseconds. */
    private static long timeoutMillis(String text) {
        try {
            int seconds = Integer.parseInt(text);
            if (seconds > 0 && seconds <= Integer.MAX_VALUE / 1000) {
                return seconds * 1000L;
            }
        } catch (NumberFormatException e) {
            // reported below, as virsh does
        }
        throw failure("Numeric value '" + text + "' for <timeout> option is malformed or out of range");
    }

    /** The line virsh prints for a domain lifecycle event, with virsh's timestamp prefix when asked. */
    static String line(Event e, boolean withTimestamp) {
        DomainEventType type = DomainEventType.valueOf(e.getTopic().substring(EventTopics.DOMAIN.length()));
        int detail = e.getProperty(EventTopics.PROP_DETAIL) instanceof Integer i ? i : 0;
        String text = "event '" + LIFECYCLE + "' for domain '" + e.getProperty(EventTopics.PROP_NAME) + "': "
                + type.label() + " " + type.detailLabel(detail);
        if (!withTimestamp) {
            return text;
        }
        long millis = e.getProperty(EventTopics.PROP_TIMESTAMP) instanceof Long t ? t : System.currentTimeMillis();
        return TIMESTAMP.format(Instant.ofEpochMilli(millis)) + ": " + text;
    }
}
