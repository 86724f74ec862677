package io.vireo.remote.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.event.EventTopics;
import io.vireo.remote.protocol.CommonProcs.OneInt;
import io.vireo.remote.protocol.CommonProcs.OneString;
import io.vireo.remote.protocol.DomainProcs.DomainArgs;
import io.vireo.remote.protocol.DomainProcs.DomainRet;
import io.vireo.remote.protocol.EventProcs;
import io.vireo.remote.protocol.NonnullDomain;
import io.vireo.remote.protocol.Packet;
import io.vireo.remote.protocol.Procedure;
import org.osgi.service.event.Event;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events across the wire: each client gets the events of the URI it opened, and only those (qemu:///system
 * and test:///default side by side, through stock virsh and packet by packet); and Vireo's own client
 * brings a remote daemon's events into the local event bus under the remote URI, once per event however
 * many connections to that URI are open.
 */
class RemoteEventsTest {

    @TempDir
    static Path work;

    @TempDir
    Path tmp;

    @BeforeAll
    static void files() throws IOException {
        try (InputStream in = RemoteEventsTest.class.getResourceAsStream("/virsh/vm1.xml")) {
            Files.copy(in, work.resolve("vm1.xml"));
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Two virsh event loops, one per URI: each prints its own URI's events, in order, and nothing else. */
    @Test
    void virshEventGetsTheEventsOfTheUriItOpenedOnly() throws Exception {
        Processes.require(Processes.VIRSH, "the test drives the real virsh");
        try (ServerFixture f = ServerFixture.withDrivers(Map.of(new EchoConsoleDriver(), EchoConsoleDriver.PROPERTIES))) {
            String qemu = "qemu+tcp://127.0.0.1:" + f.port() + "/system";
            Process onQemu = Processes.start(List.of(Processes.VIRSH.toString(), "-c", qemu,
                "event --event lifecycle --loop --timeout 20"), work, "qemu-events");
            Process onTest = Processes.start(List.of(Processes.VIRSH.toString(), "-c", f.tcpUri(),
                "event --all --loop --timeout 20"), work, "test-events");
            try {
                DispatcherTest.await(() -> f.server.sessions().stream().filter(s -> !s.events().isEmpty()).count() == 2,
                    "both virsh event loops to register");
                Processes.Result q = Processes.virsh(work, qemu, "define vm1.xml; start vm1; destroy vm1; undefine vm1");
                assertEquals(0, q.exit(), q.toString());
                Processes.Result t = Processes.virsh(work, f.tcpUri(), "suspend test; resume test");
                assertEquals(0, t.exit(), t.toString());
                DispatcherTest.await(() -> read(work.resolve("qemu-events.out")).contains("Undefined")
                    && read(work.resolve("test-events.out")).contains("Resumed"), "the events");
                Thread.sleep(300); // nothing else may follow
            } finally {
                onQemu.destroy();
                onTest.destroy();
                onQemu.waitFor(5, TimeUnit.SECONDS);
                onTest.waitFor(5, TimeUnit.SECONDS);
            }
            assertEquals("event 'lifecycle' for domain 'vm1': Defined Added\n"
                + "event 'lifecycle' for domain 'vm1': Started Booted\n"
                + "event 'lifecycle' for domain 'vm1': Stopped Destroyed\n"
                + "event 'lifecycle' for domain 'vm1': Undefined Removed\n", read(work.resolve("qemu-events.out")));
            assertEquals("event 'lifecycle' for domain 'test': Suspended Paused\n"
                + "event 'lifecycle' for domain 'test': Resumed Unpaused\n", read(work.resolve("test-events.out")));
        }
    }

    /**
     * The lifecycle message names the domain that changed, with its UUID and the id it has (running: its id;
     * stopped: -1), on the connection of its URI only. (Vireo's events do not carry the id, so the server
     * looks it up when it delivers the event: each step waits for its event, or a quick start would show
     * in the id of the DEFINED event before it.)
     */
    @Test
    void eventsCarryTheDomainThatChanged() throws Exception {
        try (ServerFixture f = ServerFixture.withDrivers(Map.of(new EchoConsoleDriver(), EchoConsoleDriver.PROPERTIES));
             TestClient qemu = TestClient.tcp(f.port()).handshake("qemu:///system", 0);
             TestClient test = TestClient.tcp(f.port()).handshake("test:///default", 0)) {
            int qemuCb = TestClient.ok(qemu.call(Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                new EventProcs.DomainCallbackRegisterArgs(EventProcs.DOMAIN_EVENT_ID_LIFECYCLE, null)), OneInt::decode).value();
            TestClient.ok(test.call(Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                new EventProcs.DomainCallbackRegisterArgs(EventProcs.DOMAIN_EVENT_ID_LIFECYCLE, null)));
            NonnullDomain vm = TestClient.ok(qemu.call(Procedure.DOMAIN_DEFINE_XML,
                new OneString(Files.readString(work.resolve("vm1.xml")))), DomainRet::decode).dom();
            DispatcherTest.await(() -> lifecycle(qemu).size() == 1, "the DEFINED event");
            TestClient.ok(qemu.call(Procedure.DOMAIN_CREATE, new DomainArgs(vm)));
            NonnullDomain running = TestClient.ok(qemu.call(Procedure.DOMAIN_LOOKUP_BY_NAME, new OneString("vm1")),
                DomainRet::decode).dom();
            DispatcherTest.await(() -> lifecycle(qemu).size() == 2, "the STARTED event");
            TestClient.ok(qemu.call(Procedure.DOMAIN_DESTROY, new DomainArgs(vm)));
            DispatcherTest.await(() -> lifecycle(qemu).size() == 3, "three events on qemu:///system");
            List<EventProcs.DomainLifecycleMsg> got = lifecycle(qemu);
            assertEquals(List.of(
                new EventProcs.DomainLifecycleMsg(qemuCb, new NonnullDomain("vm1", vm.uuid(), -1), 0, 0),
                new EventProcs.DomainLifecycleMsg(qemuCb, new NonnullDomain("vm1", vm.uuid(), running.id()), 2, 0),
                new EventProcs.DomainLifecycleMsg(qemuCb, new NonnullDomain("vm1", vm.uuid(), -1), 5, 1)), got);
            assertTrue(running.id() > 0);
            // The test:///default client heard nothing of it (a call flushes anything pending first).
            TestClient.ok(test.call(Procedure.CONNECT_GET_URI, io.vireo.remote.protocol.CommonProcs.Empty.INSTANCE));
            assertEquals(List.of(), lifecycle(test));
        }
    }

    /** The lifecycle messages the client has received so far. */
    private static List<EventProcs.DomainLifecycleMsg> lifecycle(TestClient c) {
        Packet p;
        try {
            while ((p = c.read(50)) != null) {
                c.messages.add(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return c.messages.stream()
            .filter(m -> m.header().procedure() == Procedure.DOMAIN_EVENT_CALLBACK_LIFECYCLE.number())
            .map(m -> m.decodePayload(EventProcs.DomainLifecycleMsg::decode)).toList();
    }

    /** What the client side's event bus saw, as "topic name event detail uri". */
    static final class Recorder implements org.osgi.service.event.EventHandler {
        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public void handleEvent(Event e) {
            events.add(e);
        }

        List<String> lines() {
            return events.stream().map(e -> e.getTopic() + " " + e.getProperty(EventTopics.PROP_NAME) + " "
                + e.getProperty(EventTopics.PROP_EVENT) + " " + e.getProperty(EventTopics.PROP_DETAIL) + " "
                + e.getProperty(EventTopics.PROP_URI)).toList();
        }
    }

    /**
     * Vireo's client on a remote URI: domain, network and pool events made on the server (by anyone) are
     * posted on the client's event bus under the connection's URI, which is what {@code virt:event
     * --connect URI} listens to.
     */
    @Test
    void vireosClientPostsTheRemoteDaemonsEventsUnderTheRemoteUri() throws Exception {
        try (ServerFixture f = new ServerFixture();
             RemoteClientTest.ClientStack client = new RemoteClientTest.ClientStack(tmp);
             Connection remote = client.factory.open(f.tcpUri(), false, "tester")) {
            Recorder seen = new Recorder();
            client.eventAdmin.add(seen);
            String uri = remote.uri();
            try (Connection local = f.stack.factory.open("test:///default", false, "someone-else")) {
                Domain d = local.lookupDomainByName("test");
                d.suspend();
                d.resume();
                local.lookupNetworkByName("default").destroy();
                local.lookupStoragePoolByName("default-pool").destroy();
            }
            DispatcherTest.await(() -> seen.events.size() == 4, "four events");
            assertEquals(List.of(
                "io/vireo/domain/SUSPENDED test 3 0 " + uri,
                "io/vireo/domain/RESUMED test 4 0 " + uri,
                "io/vireo/network/STOPPED default 3 0 " + uri,
                "io/vireo/storage/pool/STOPPED default-pool 3 0 " + uri), seen.lines());
            assertEquals(remote.lookupDomainByName("test").uuid().toString(),
                seen.events.get(0).getProperty(EventTopics.PROP_UUID));
            assertTrue(uri.startsWith("test+tcp://127.0.0.1:"), uri);
        }
    }

    /**
     * Several connections to one remote URI: each event is posted once; when the connection that feeds the
     * events closes, another open one takes over.
     */
    @Test
    void oneConnectionPerUriFeedsTheEventsAndAnotherTakesOver() throws Exception {
        try (ServerFixture f = new ServerFixture();
             RemoteClientTest.ClientStack client = new RemoteClientTest.ClientStack(tmp)) {
            Recorder seen = new Recorder();
            client.eventAdmin.add(seen);
            Connection first = client.factory.open(f.tcpUri(), false, "one");
            Connection second = client.factory.open(f.tcpUri(), false, "two");
            try (Connection local = f.stack.factory.open("test:///default", false, "someone-else")) {
                local.lookupDomainByName("test").suspend();
                DispatcherTest.await(() -> seen.events.size() == 1, "the event");
                first.close();
                DispatcherTest.await(() -> f.server.sessions().stream().filter(s -> !s.events().isEmpty()).count() == 1,
                    "the second connection to register");
                local.lookupDomainByName("test").resume();
                DispatcherTest.await(() -> seen.events.size() == 2, "the second event");
                Thread.sleep(300);
                assertEquals(List.of("io/vireo/domain/SUSPENDED test 3 0 " + second.uri(),
                    "io/vireo/domain/RESUMED test 4 0 " + second.uri()), seen.lines());
            } finally {
                second.close();
            }
        }
    }
}
