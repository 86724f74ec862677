package io.vireo.itests;

import io.vireo.api.Connection;
import io.vireo.api.ConnectionFactory;
import io.vireo.api.Domain;
import io.vireo.api.DomainSnapshot;
import io.vireo.api.Network;
import io.vireo.api.StoragePool;
import io.vireo.api.event.EventTopics;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import javax.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * The event bus end to end: every changing API call posts exactly libvirt's event(s) with libvirt's
 * event and detail numbers, in order per object; a slow or failing subscriber cannot hold up or break
 * the bus for others; virt:event prints what virsh event prints.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EventsIT extends VireoTestSupport {

    /** How long to listen for events that must not come. */
    private static final long QUIET_MILLIS = 300;

    @Inject
    private ConnectionFactory connections;

    @Inject
    private BundleContext context;

    private final List<Event> seen = new CopyOnWriteArrayList<>();
    private ServiceRegistration<EventHandler> recorder;
    private Connection conn;

    @Before
    public void subscribe() {
        recorder = subscribe(EventTopics.ALL, seen::add);
        conn = connections.open("test:///default");
    }

    @After
    public void unsubscribe() {
        recorder.unregister();
        conn.close();
    }

    private ServiceRegistration<EventHandler> subscribe(String topic, EventHandler handler) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, topic);
        return context.registerService(EventHandler.class, handler, props);
    }

    private static String domainXml(String name) {
        return "<domain type='test'><name>" + name + "</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                + "<os><type>hvm</type></os></domain>";
    }

    private static String networkXml(String name) {
        return "<network><name>" + name + "</name><bridge name='vbr-" + name.hashCode() % 1000 + "'/></network>";
    }

    private static String poolXml(String name) {
        return "<pool type='dir'><name>" + name + "</name><target><path>/" + name + "</path></target></pool>";
    }

    /** "TOPIC-SUFFIX/detail" of the events about {@code name} seen so far, e.g. "STARTED/0", "pool:DELETED/0". */
    private List<String> eventsOf(String name) {
        List<String> out = new ArrayList<>();
        for (Event e : seen) {
            if (name.equals(e.getProperty(EventTopics.PROP_NAME))) {
                out.add(label(e));
            }
        }
        return out;
    }

    /** The number of events about {@code name} once the events of earlier calls have all come. */
    private int settled(String name) throws InterruptedException {
        int count = eventsOf(name).size();
        while (true) {
            Thread.sleep(QUIET_MILLIS);
            int now = eventsOf(name).size();
            if (now == count) {
                return count;
            }
            count = now;
        }
    }

    private static String label(Event e) {
        String topic = e.getTopic();
        String kind = topic.startsWith(EventTopics.DOMAIN) ? ""
                : topic.startsWith(EventTopics.NETWORK) ? "network:"
                : topic.startsWith(EventTopics.STORAGE_POOL) ? "pool:" : "volume:";
        return kind + topic.substring(topic.lastIndexOf('/') + 1) + "/" + e.getProperty(EventTopics.PROP_DETAIL);
    }

    /**
     * Runs {@code call} and checks that exactly {@code expected} events about {@code name} follow it, in
     * that order, with the uri, uuid, libvirt numbers and timestamp every event carries.
     */
    private void expect(String name, Runnable call, String... expected) throws Exception {
        int before = settled(name);
        long start = System.currentTimeMillis();
        call.run();
        List<String> wanted = Arrays.asList(expected);
        Eventually.within(10, name + " events " + wanted, () -> eventsOf(name).size() >= before + wanted.size());
        Thread.sleep(QUIET_MILLIS);
        List<String> all = eventsOf(name);
        assertEquals("events of " + name, wanted, all.subList(before, all.size()));
        for (Event e : seen) {
            if (name.equals(e.getProperty(EventTopics.PROP_NAME)) && (Long) e.getProperty(EventTopics.PROP_TIMESTAMP) >= start) {
                assertEquals("test:///default", e.getProperty(EventTopics.PROP_URI));
                assertTrue(e.getProperty(EventTopics.PROP_EVENT) instanceof Integer);
                if (!e.getTopic().startsWith(EventTopics.STORAGE_VOLUME)) {
                    assertTrue(e.toString(), e.getProperty(EventTopics.PROP_UUID) instanceof String);
                }
            }
        }
    }

    // Domains: virDomainEventLifecycleType numbers; detail numbers from virDomainEvent*DetailType.

    @Test
    public void defineIsDefinedAddedThenUpdated() throws Exception {
        Domain[] d = new Domain[1];
        expect("ev-define", () -> d[0] = conn.defineDomain(domainXml("ev-define"), 0), "DEFINED/0");
        String update = domainXml("ev-define").replace("64", "128")
                .replace("<name>", "<uuid>" + d[0].uuid() + "</uuid><name>");
        expect("ev-define", () -> conn.defineDomain(update, 0), "DEFINED/1");
    }

    @Test
    public void undefineIsUndefinedRemoved() throws Exception {
        Domain d = conn.defineDomain(domainXml("ev-undefine"), 0);
        expect("ev-undefine", () -> d.undefine(0), "UNDEFINED/0");
    }

    @Test
    public void startIsStartedBooted() throws Exception {
        Domain d = conn.defineDomain(domainXml("ev-start"), 0);
        expect("ev-start", () -> d.create(0), "STARTED/0");
    }

    @Test
    public void createXmlIsStartedBootedOnly() throws Exception {
        expect("ev-create", () -> conn.createDomain(domainXml("ev-create"), 0), "STARTED/0");
    }

    @Test
    public void shutdownIsStoppedShutdown() throws Exception {
        Domain d = conn.defineDomain(domainXml("ev-shutdown"), 0);
        d.create(0);
        expect("ev-shutdown", () -> d.shutdown(0), "STOPPED/0");
    }

    @Test
    public void destroyIsStoppedDestroyed() throws Exception {
        Domain d = conn.defineDomain(domainXml("ev-destroy"), 0);
        d.create(0);
        expect("ev-destroy", () -> d.destroy(0), "STOPPED/1");
    }

    @Test
    public void rebootRestartsWithoutALifecycleEventOrStopsWhenOnRebootIsDestroy() throws Exception {
        Domain d = conn.defineDomain(domainXml("ev-reboot"), 0);
        d.create(0);
        expect("ev-reboot", () -> d.reboot(0));
        Domain e = conn.defineDomain(domainXml("ev-reboot2").replace("</os>", "</os><on_reboot>destroy</on_reboot>"), 0);
        e.create(0);
        expect("ev-reboot2", () -> e.reboot(0), "STOPPED/0");
    }

    @Test
    public void suspendIsSuspendedPausedResumeIsResumedUnpaused() throws Exception {
        Domain d = conn.defineDomain(domainXml("ev-pause"), 0);
        d.create(0);
        expect("ev-pause", d::suspend, "SUSPENDED/0");
        expect("ev-pause", d::resume, "RESUMED/0");
    }

    @Test
    public void snapshotRevertIsStartedOrStoppedFromSnapshot() throws Exception {
        // Every step's events awaited, so that none of them is late enough to look like the revert's.
        Domain[] d = new Domain[1];
        expect("ev-snap", () -> d[0] = conn.defineDomain(domainXml("ev-snap"), 0), "DEFINED/0");
        expect("ev-snap", () -> d[0].create(0), "STARTED/0");
        DomainSnapshot running = d[0].createSnapshot("<domainsnapshot><name>up</name></domainsnapshot>", 0);
        expect("ev-snap", () -> d[0].destroy(0), "STOPPED/1");
        DomainSnapshot off = d[0].createSnapshot("<domainsnapshot><name>down</name></domainsnapshot>", 0);
        expect("ev-snap", () -> running.revert(0), "STARTED/3");
        expect("ev-snap", () -> off.revert(0), "STOPPED/6");
    }

    // Networks: virNetworkEventLifecycleType, detail always 0.

    @Test
    public void networkDefineStartDestroyUndefine() throws Exception {
        String n = "ev-net";
        Network[] net = new Network[1];
        expect(n, () -> net[0] = conn.defineNetwork(networkXml(n), 0), "network:DEFINED/0");
        expect(n, net[0]::create, "network:STARTED/0");
        expect(n, net[0]::destroy, "network:STOPPED/0");
        expect(n, net[0]::undefine, "network:UNDEFINED/0");
    }

    private List<String> awaitFirst(String name) throws Exception {
        return Eventually.within(10, "first event of " + name, () -> eventsOf(name).isEmpty() ? null : eventsOf(name));
    }

    // Storage pools: virStoragePoolEventLifecycleType, detail always 0.

    @Test
    public void poolDefineBuildStartDestroyDeleteUndefine() throws Exception {
        String p = "ev-pool";
        StoragePool[] pool = new StoragePool[1];
        expect(p, () -> pool[0] = conn.defineStoragePool(poolXml(p), 0), "pool:DEFINED/0");
        expect(p, () -> pool[0].build(0), "pool:CREATED/0");
        expect(p, () -> pool[0].create(0), "pool:STARTED/0");
        expect(p, pool[0]::destroy, "pool:STOPPED/0");
        expect(p, () -> pool[0].delete(0), "pool:DELETED/0");
        expect(p, pool[0]::undefine, "pool:UNDEFINED/0");
    }

    @Test
    public void eventsOfOneObjectKeepTheirOrderWhenTheCallsComeFromManyThreads() throws Exception {
        Domain d = conn.defineDomain(domainXml("ev-order"), 0);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Consumer<Domain>> steps = List.of(x -> x.create(0), Domain::suspend, Domain::resume,
                    x -> x.destroy(0), x -> x.create(0), x -> x.destroy(0), x -> x.undefine(0));
            for (Consumer<Domain> step : steps) {
                // Each call from another thread (and connection), one after the other, as users take turns.
                CompletableFuture.runAsync(() -> {
                    try (Connection c = connections.open("test:///default")) {
                        step.accept(c.lookupDomainByUuid(d.uuid()));
                    }
                }, threads).get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdown();
        }
        List<String> expected = List.of("DEFINED/0", "STARTED/0", "SUSPENDED/0", "RESUMED/0", "STOPPED/1",
                "STARTED/0", "STOPPED/1", "UNDEFINED/0");
        Eventually.within(10, "all events of ev-order", () -> eventsOf("ev-order").size() >= expected.size());
        assertEquals(expected, eventsOf("ev-order"));
    }

    @Test
    public void aStuckOrFailingSubscriberNeitherHoldsUpNorBreaksTheBusForOthers() throws Exception {
        List<String> stuckGot = new CopyOnWriteArrayList<>();
        List<String> failingGot = new CopyOnWriteArrayList<>();
        List<Long> delays = Collections.synchronizedList(new ArrayList<>());
        // Takes its first event in its stride, then hangs in the second for 30 s.
        ServiceRegistration<EventHandler> stuck = subscribe(EventTopics.DOMAIN + "*", e -> {
            if ("ev-bus".equals(e.getProperty(EventTopics.PROP_NAME))) {
                stuckGot.add(label(e));
                if (stuckGot.size() == 2) {
                    sleep(30_000);
                }
            }
        });
        ServiceRegistration<EventHandler> failing = subscribe(EventTopics.DOMAIN + "*", e -> {
            if ("ev-bus".equals(e.getProperty(EventTopics.PROP_NAME))) {
                failingGot.add(label(e));
                throw new IllegalStateException("a subscriber that always fails");
            }
        });
        ServiceRegistration<EventHandler> timing = subscribe(EventTopics.DOMAIN + "*", e -> {
            if ("ev-bus".equals(e.getProperty(EventTopics.PROP_NAME))) {
                delays.add(System.currentTimeMillis() - (Long) e.getProperty(EventTopics.PROP_TIMESTAMP));
            }
        });
        try {
            Domain d = conn.defineDomain(domainXml("ev-bus"), 0);
            awaitFirst("ev-bus");
            for (int i = 0; i < 5; i++) {
                d.create(0);
                d.destroy(0);
            }
            d.undefine(0);
            List<String> expected = new ArrayList<>(List.of("DEFINED/0"));
            for (int i = 0; i < 5; i++) {
                expected.addAll(List.of("STARTED/0", "STOPPED/1"));
            }
            expected.add("UNDEFINED/0");
            Eventually.within(15, "every event of ev-bus for the well-behaved subscriber",
                    () -> eventsOf("ev-bus").size() >= expected.size());
            Eventually.within(5, "every event of ev-bus for the failing subscriber",
                    () -> failingGot.size() >= expected.size());
            assertEquals(expected, eventsOf("ev-bus"));
            assertEquals(expected, failingGot);
            // EventAdmin denylisted the stuck subscriber past its Timeout (2 s, etc/org.apache.felix.eventadmin.
            // impl.EventAdmin.cfg): it got nothing after the event it hangs in. Vireo's delivery waited for that
            // call 5 s, once, then went on.
            assertEquals(List.of("DEFINED/0", "STARTED/0"), stuckGot);
            long worst = Collections.max(delays);
            System.out.println("slowest delivery to a well-behaved subscriber beside a stuck one: " + worst + " ms");
            assertTrue("delivery was held up " + worst + " ms", worst < 8_000);
        } finally {
            stuck.unregister();
            failing.unregister();
            timing.unregister();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // virt:event

    private static final Pattern TIMESTAMPED =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000: event 'lifecycle' for domain 'ev-cmd': Started Booted");

    @Test
    public void virtEventPrintsWhatVirshEventPrints() throws Exception {
        Domain d = conn.defineDomain(domainXml("ev-cmd"), 0);
        // Its DEFINED event must be delivered before the commands subscribe, or one of them may print it.
        awaitFirst("ev-cmd");
        CompletableFuture<Result> loop = CompletableFuture.supplyAsync(
                () -> execute("virt:event --domain ev-cmd --event lifecycle --loop --timeout 8"));
        CompletableFuture<Result> once = CompletableFuture.supplyAsync(
                () -> execute("virt:event --all --timestamp --timeout 10"));
        awaitSubscribers(2);
        d.create(0);
        d.destroy(0);
        conn.defineDomain(domainXml("ev-other"), 0);

        Result r = loop.get(20, TimeUnit.SECONDS);
        assertNull(r.errorText(), r.error());
        assertEquals("event 'lifecycle' for domain 'ev-cmd': Started Booted\n"
                + "event 'lifecycle' for domain 'ev-cmd': Stopped Destroyed\n"
                + "event loop timed out\n"
                + "events received: 2\n", r.output());

        Result first = once.get(20, TimeUnit.SECONDS);
        assertNull(first.errorText(), first.error());
        String[] lines = first.output().split("\n");
        assertEquals(first.output(), 2, lines.length);
        assertTrue(lines[0], TIMESTAMPED.matcher(lines[0]).matches());
        assertEquals("events received: 1", lines[1]);

        assertEquals("error: one of --list, --all, or --event <type> is required",
                execute("virt:event --timeout 1").errorText());
        assertEquals("error: failed to get domain 'nosuch'",
                execute("virt:event --domain nosuch --event lifecycle --timeout 1").errorText());
    }

    /** Waits until {@code n} virt:event commands have subscribed (their handlers are registered by the shell bundle). */
    private void awaitSubscribers(int n) throws Exception {
        Eventually.within(10, n + " virt:event subscribers", () -> {
            ServiceReference<?>[] refs = context.getAllServiceReferences(EventHandler.class.getName(), null);
            long count = refs == null ? 0 : Arrays.stream(refs)
                    .filter(ref -> "io.vireo.shell".equals(ref.getBundle().getSymbolicName())).count();
            return count >= n;
        });
    }
}
