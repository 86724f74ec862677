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
 * seconds ({@code event loop timed out}), Ctrl-C at any time ({@code event loop interrupted}).
 * Vireo's only domain event is {@code lifecycle}, so {@code --event} may be left out.
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
    int timeout = -1;

    @Option(name = "--list", description = "list valid event types")
    boolean list;

    @Option(name = "--timestamp", description = "show timestamp for each printed event")
    boolean timestamp;

    @Reference
    BundleContext bundleContext;

    @Override
    protected void run(Connection conn) throws Exception {
        PrintStream out = out();
        if (list) {
            out.println(LIFECYCLE);
            return;
        }
        if (event != null && !event.equals(LIFECYCLE)) {
            throw failure("unknown event type " + event);
        }
        if (timeout == 0 || timeout < -1) {
            throw failure("invalid timeout value " + timeout);
        }
        UUID only = domain == null ? null : Lookup.domain(conn, domain).uuid();
        long deadline = timeout > 0 ? System.currentTimeMillis() + timeout * 1000L : Long.MAX_VALUE;
        int count = 0;
        String end = null;
        try (DomainEventQueue events = new DomainEventQueue(bundleContext, conn.uri(), only)) {
            while (count == 0 || loop) {
                long left = deadline == Long.MAX_VALUE ? -1 : deadline - System.currentTimeMillis();
                Event e = left == 0 || left < -1 ? null : events.next(left);
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
