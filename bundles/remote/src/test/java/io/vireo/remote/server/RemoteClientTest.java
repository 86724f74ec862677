package io.vireo.remote.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.api.Connection;
import io.vireo.api.ConnectionFactory;
import io.vireo.api.Domain;
import io.vireo.api.DomainSnapshot;
import io.vireo.api.DomainState;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.Network;
import io.vireo.api.StoragePool;
import io.vireo.api.StorageVolume;
import io.vireo.api.VirtException;
import io.vireo.api.spi.HypervisorDriver;
import io.vireo.core.DaemonConfig;
import io.vireo.core.connect.VireoConnectionFactory;
import io.vireo.core.registry.DriverRegistry;
import io.vireo.remote.client.RemoteHypervisorDriver;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vireo's remote client (the core routing a +tcp/+unix URI to {@link RemoteHypervisorDriver}) against
 * Vireo's own server in-process, each over the real stack: every API object round trip, and errors that
 * arrive with the code, domain and message the serving side raised.
 */
class RemoteClientTest {

    /** A client-side core whose only driver is the remote one, as in a Karaf with vireo-remote installed. */
    static final class ClientStack implements AutoCloseable {
        final VireoConnectionFactory factory;
        /** The client side's event bus: remote events are posted here under the remote URI. */
        final TestStack.DirectEventAdmin eventAdmin = new TestStack.DirectEventAdmin();

        ClientStack(Path dir) {
            DriverRegistry registry = new DriverRegistry();
            registry.drivers().add(new RemoteHypervisorDriver(),
                Map.of(HypervisorDriver.SCHEME, VireoConnectionFactory.REMOTE_SCHEME));
            factory = new VireoConnectionFactory(registry, eventAdmin,
                Configs.of(DaemonConfig.class, Map.of("config_dir", dir.resolve("config").toString(),
                    "run_dir", dir.resolve("run").toString(), "autostart", false)));
        }

        @Override
        public void close() {
            try {
                java.lang.reflect.Method deactivate = VireoConnectionFactory.class.getDeclaredMethod("deactivate");
                deactivate.setAccessible(true);
                deactivate.invoke(factory);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @TempDir
    Path tmp;
    ServerFixture server;
    ClientStack client;
    Connection conn;

    @BeforeEach
    void start() throws IOException {
        server = new ServerFixture(Map.of("keepalive_interval", 1, "keepalive_count", 2));
        client = new ClientStack(tmp);
        conn = client.factory.open(server.tcpUri(), false, "tester");
    }

    @AfterEach
    void stop() throws IOException {
        if (conn != null) {
            conn.close();
        }
        client.close();
        server.close();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = RemoteClientTest.class.getResourceAsStream("/virsh/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The error a local connection to the server's own stack raises for the same call. */
    VirtException local(java.util.function.Consumer<Connection> call) {
        try (Connection c = server.stack.factory.open("test:///default", false, "local")) {
            return assertThrows(VirtException.class, () -> call.accept(c));
        }
    }

    static void assertSameError(VirtException expected, Supplier<VirtException> actual) {
        VirtException e = actual.get();
        assertEquals(expected.code(), e.code(), e.getMessage());
        assertEquals(expected.domain(), e.domain(), e.getMessage());
        assertEquals(expected.getMessage(), e.getMessage());
    }

    @Test
    void hostFacts() {
        assertEquals("TEST", conn.type());
        assertEquals(server.tcpUri(), conn.uri());
        assertTrue(conn.capabilities().contains("<capabilities>"), conn.capabilities());
        assertEquals(server.stack.factory.open("test:///default", true, "x").nodeInfo(), conn.nodeInfo());
        assertFalse(conn.hostname().isEmpty());
        assertNotNull(conn.securityModel());
        assertTrue(conn.isAlive());
    }

    @Test
    void domainCapabilitiesComeFromTheServersDriver() {
        String caps = conn.domainCapabilities(null, "x86_64", null, "test", 0);
        assertTrue(caps.startsWith("<domainCapabilities>"), caps);
        assertTrue(caps.contains("<arch>x86_64</arch>"), caps);
        assertTrue(caps.contains("<enum name='diskDevice'>"), caps);
        VirtException e = assertThrows(VirtException.class, () -> conn.domainCapabilities(null, "s390x", null, null, 0));
        assertEquals(ErrorCode.INVALID_ARG, e.code());
        assertEquals(ErrorDomain.TEST, e.domain());
    }

    @Test
    void domainLifecycleRoundTrip() throws IOException {
        List<Domain> all = conn.listAllDomains(0);
        assertEquals(List.of("test"), all.stream().map(Domain::name).toList());
        Domain test = conn.lookupDomainByName("test");
        assertEquals(1, test.id());
        assertEquals(DomainState.RUNNING, test.info().state());
        assertEquals(test.uuid(), conn.lookupDomainById(1).uuid());

        Domain vm1 = conn.defineDomain(resource("vm1.xml"), 0);
        assertEquals("vm1", vm1.name());
        assertFalse(vm1.isActive());
        assertTrue(vm1.isPersistent());
        assertTrue(vm1.xmlDesc(0).contains("<name>vm1</name>"));
        assertEquals("linux", vm1.osType()); // what libvirt's test driver answers too
        vm1.create(0);
        assertTrue(vm1.isActive());
        assertTrue(vm1.id() > 0);
        assertEquals(DomainState.RUNNING, vm1.state().state());
        vm1.suspend();
        assertEquals(DomainState.PAUSED, vm1.info().state());
        vm1.resume();
        vm1.setMemory(262144, 0);
        assertEquals(262144, vm1.info().memoryKiB());
        vm1.setAutostart(true);
        assertTrue(vm1.autostart());
        vm1.destroy(0);
        assertEquals(DomainState.SHUTOFF, vm1.state().state());
        vm1.undefine(0);
        assertEquals(List.of("test"), conn.listAllDomains(0).stream().map(Domain::name).toList());
        // The serving side saw the same changes.
        try (Connection c = server.stack.factory.open("test:///default", true, "x")) {
            assertEquals(1, c.listAllDomains(0).size());
        }
    }

    @Test
    void networks() throws IOException {
        assertTrue(conn.listAllNetworks(0).stream().anyMatch(n -> n.name().equals("default")));
        Network net1 = conn.defineNetwork(resource("net1.xml"), 0);
        assertFalse(net1.isActive());
        net1.create();
        assertTrue(net1.isActive());
        assertTrue(net1.xmlDesc(0).contains("net1"));
        net1.setAutostart(true);
        assertTrue(net1.autostart());
        net1.destroy();
        net1.undefine();
        assertThrows(VirtException.class, () -> conn.lookupNetworkByName("net1"));
    }

    @Test
    void poolsAndVolumes() throws IOException {
        StoragePool pool = conn.defineStoragePool(resource("pool1.xml"), 0);
        pool.create(0);
        assertTrue(pool.isActive());
        StorageVolume v = pool.createVolume("<volume><name>v1.img</name><capacity unit='M'>10</capacity></volume>", 0);
        assertEquals("v1.img", v.name());
        assertEquals("pool1", v.poolName());
        assertEquals(10L << 20, v.info().capacity());
        assertEquals(List.of("v1.img"), pool.listAllVolumes(0).stream().map(StorageVolume::name).toList());
        assertEquals("v1.img", conn.lookupStorageVolumeByPath(v.path()).name());
        assertEquals("v1.img", conn.lookupStorageVolumeByKey(v.key()).name());
        assertTrue(v.xmlDesc(0).contains("v1.img"));
        v.delete(0);
        assertTrue(pool.listAllVolumes(0).isEmpty());
        assertTrue(pool.info().capacity() > 0);
        pool.destroy();
        pool.undefine();
    }

    @Test
    void snapshots() {
        Domain test = conn.lookupDomainByName("test");
        assertFalse(test.hasCurrentSnapshot());
        DomainSnapshot s1 = test.createSnapshot("<domainsnapshot><name>s1</name></domainsnapshot>", 0);
        DomainSnapshot s2 = test.createSnapshot("<domainsnapshot><name>s2</name></domainsnapshot>", 0);
        assertEquals(List.of("s1", "s2"), test.listAllSnapshots(0).stream().map(DomainSnapshot::name).sorted().toList());
        assertEquals("s2", test.currentSnapshot().name());
        assertEquals("s1", s2.parent().name());
        assertNull(s1.parent());
        assertTrue(s2.xmlDesc(0).contains("<name>s2</name>"));
        s1.revert(0);
        assertEquals("s1", test.currentSnapshot().name());
        s2.delete(0);
        assertEquals(List.of("s1"), test.listAllSnapshots(0).stream().map(DomainSnapshot::name).toList());
        VirtException e = assertThrows(VirtException.class, () -> test.lookupSnapshotByName("nosuch"));
        assertEquals(ErrorCode.NO_DOMAIN_SNAPSHOT, e.code());
    }

    @Test
    void errorsArriveAsTheServerRaisedThem() {
        assertSameError(local(c -> c.lookupDomainByName("nosuch")),
            () -> assertThrows(VirtException.class, () -> conn.lookupDomainByName("nosuch")));
        assertSameError(local(c -> c.lookupDomainByName("test").create(0)),
            () -> assertThrows(VirtException.class, () -> conn.lookupDomainByName("test").create(0)));
        assertSameError(local(c -> c.lookupNetworkByName("default").create()),
            () -> assertThrows(VirtException.class, () -> conn.lookupNetworkByName("default").create()));
        assertSameError(local(c -> c.lookupStoragePoolByName("nosuch")),
            () -> assertThrows(VirtException.class, () -> conn.lookupStoragePoolByName("nosuch")));
        assertSameError(local(c -> c.defineDomain("<domain", 0)),
            () -> assertThrows(VirtException.class, () -> conn.defineDomain("<domain", 0)));
    }

    @Test
    void readOnlyConnectionsRefuseChangesWithoutAskingTheServer() {
        try (Connection ro = client.factory.open(server.tcpUri(), true, "tester")) {
            assertEquals(1, ro.listAllDomains(0).size());
            VirtException e = assertThrows(VirtException.class, () -> ro.lookupDomainByName("test").destroy(0));
            assertEquals(ErrorCode.OPERATION_DENIED, e.code());
            assertEquals(ErrorDomain.REMOTE, e.domain());
        }
    }

    @Test
    void unixSocketTransport() {
        String uri = "test+unix:///default?socket=" + server.socket(false);
        try (Connection c = client.factory.open(uri, false, "tester")) {
            assertEquals(List.of("test"), c.listAllDomains(0).stream().map(Domain::name).toList());
        }
    }

    @Test
    void nothingListeningIsASystemErrorInRpc() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        VirtException e = assertThrows(VirtException.class,
            () -> client.factory.open("test+tcp://127.0.0.1:" + port + "/default", false, "t"));
        assertEquals(ErrorCode.SYSTEM_ERROR, e.code());
        assertEquals(ErrorDomain.RPC, e.domain());
        assertTrue(e.getMessage().startsWith("unable to connect to server at '127.0.0.1:" + port + "'"), e.getMessage());
    }

    @Test
    void unknownDriverOnTheServerIsNoConnect() {
        VirtException e = assertThrows(VirtException.class,
            () -> client.factory.open("nosuch+tcp://127.0.0.1:" + server.port() + "/x", false, "t"));
        assertEquals(ErrorCode.NO_CONNECT, e.code(), e.getMessage());
    }

    @Test
    void concurrentCallsAreMatchedBySerial() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean byName = i % 2 == 0;
                results.add(pool.submit(() -> byName ? conn.lookupDomainByName("test").xmlDesc(0)
                    : conn.listAllNetworks(0).get(0).name()));
            }
            for (int i = 0; i < results.size(); i++) {
                String r = results.get(i).get();
                assertTrue(i % 2 == 0 ? r.contains("<name>test</name>") : r.equals("default"), r);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idleConnectionSurvivesTheServersKeepalive() throws Exception {
        // The server pings after 1 s of silence and gives up after 2 unanswered pings: answering PONG
        // is what keeps this connection alive through 4 s of idling.
        Thread.sleep(4000);
        assertEquals(1, conn.listAllDomains(0).size());
    }

    @Test
    void closeSendsConnectCloseAndFurtherCallsFail() {
        Connection c = client.factory.open(server.tcpUri(), false, "tester");
        c.close();
        VirtException e = assertThrows(VirtException.class, () -> c.listAllDomains(0));
        assertEquals(ErrorCode.INVALID_CONN, e.code());
    }
}
