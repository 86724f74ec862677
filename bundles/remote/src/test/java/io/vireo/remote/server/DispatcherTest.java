package io.vireo.remote.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.ListFlags;
import io.vireo.remote.protocol.CommonProcs.Empty;
import io.vireo.remote.protocol.CommonProcs.ListAllArgs;
import io.vireo.remote.protocol.CommonProcs.NameList;
import io.vireo.remote.protocol.CommonProcs.OneInt;
import io.vireo.remote.protocol.CommonProcs.OneString;
import io.vireo.remote.protocol.CommonProcs.OneUHyper;
import io.vireo.remote.protocol.CommonProcs.OneUuid;
import io.vireo.remote.protocol.CommonProcs.StringFlags;
import io.vireo.remote.protocol.ConnectProcs;
import io.vireo.remote.protocol.DomainProcs;
import io.vireo.remote.protocol.DomainProcs.DomainArgs;
import io.vireo.remote.protocol.DomainProcs.DomainFlagsArgs;
import io.vireo.remote.protocol.DomainProcs.DomainRet;
import io.vireo.remote.protocol.EventProcs;
import io.vireo.remote.protocol.Header;
import io.vireo.remote.protocol.MessageCodec;
import io.vireo.remote.protocol.MessageStatus;
import io.vireo.remote.protocol.MessageType;
import io.vireo.remote.protocol.NetworkProcs;
import io.vireo.remote.protocol.NonnullDomain;
import io.vireo.remote.protocol.Packet;
import io.vireo.remote.protocol.PacketReader;
import io.vireo.remote.protocol.Procedure;
import io.vireo.remote.protocol.Program;
import io.vireo.remote.protocol.RemoteError;
import io.vireo.remote.protocol.SnapshotProcs;
import io.vireo.remote.protocol.StorageProcs;
import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrStruct;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher on the real core and test driver: encoded CALL packets in, whole REPLY packets out,
 * decoded with the protocol package as a client would.
 */
class DispatcherTest {
    static final UUID TEST_UUID = UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f");
    static final String DOMAIN_XML = "<domain type='test'><name>d1</name>"
        + "<uuid>00000000-0000-0000-0000-0000000000d1</uuid><memory unit='KiB'>262144</memory>"
        + "<vcpu>1</vcpu><os><type>hvm</type></os></domain>";

    @TempDir
    Path dir;
    TestStack stack;
    Dispatcher dispatcher;
    int serial;

    @BeforeEach
    void setUp() {
        stack = new TestStack(dir);
        dispatcher = new Dispatcher(HandlerTable.standard(stack.factory));
    }

    @AfterEach
    void tearDown() {
        stack.close();
    }

    Session session() {
        return new Session("test", false, AuthMethod.NONE);
    }

    Session opened() {
        Session s = session();
        ok(call(s, Procedure.CONNECT_OPEN, new ConnectProcs.OpenArgs("test:///default", 0)), Empty::decode);
        return s;
    }

    Packet call(Session s, Procedure p, XdrStruct args) {
        return call(s, Header.call(p, serial++), args);
    }

    Packet call(Session s, Header h, XdrStruct args) {
        Packet callPacket = Packet.of(h, args);
        byte[] bytes = dispatcher.dispatch(s, callPacket);
        Packet reply = new PacketReader().next(ByteBuffer.wrap(bytes));
        assertNotNull(reply);
        assertEquals(MessageType.REPLY, reply.header().type());
        assertEquals(h.program(), reply.header().program());
        assertEquals(h.procedure(), reply.header().procedure(), "reply echoes the procedure");
        assertEquals(h.serial(), reply.header().serial(), "reply echoes the serial");
        return reply;
    }

    static <T> T ok(Packet reply, XdrDecoder.Reader<T> ret) {
        return TestClient.ok(reply, ret);
    }

    static RemoteError error(Packet reply) {
        return TestClient.error(reply);
    }

    static NonnullDomain dom(String name) {
        return new NonnullDomain(name, TEST_UUID, 1);
    }

    /** Events are posted asynchronously (by the core's own thread): wait for what a test expects. */
    static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                org.junit.jupiter.api.Assertions.fail("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void handshakeAsVirshDoesIt() {
        Session s = session();
        assertEquals(List.of(0), ok(call(s, Procedure.AUTH_LIST, Empty.INSTANCE), ConnectProcs.AuthListRet::decode).types());
        assertEquals(1, feature(s, ConnectProcs.FEATURE_PROGRAM_KEEPALIVE), "keepalive");
        assertTrue(s.keepaliveRequested());
        ok(call(s, Procedure.CONNECT_OPEN, new ConnectProcs.OpenArgs("test:///default", 0)), Empty::decode);
        assertEquals(1, feature(s, ConnectProcs.FEATURE_REMOTE_EVENT_CALLBACK), "event callbacks");
        assertEquals(1, feature(s, ConnectProcs.FEATURE_REMOTE_CLOSE_CALLBACK), "close callback");
        assertEquals(1, feature(s, ConnectProcs.FEATURE_TYPED_PARAM_STRING), "typed param strings");
        assertEquals(0, feature(s, ConnectProcs.FEATURE_FD_PASSING), "no fd passing over plain sockets");
        assertEquals(0, feature(s, ConnectProcs.FEATURE_MIGRATION_V3), "no migration yet");
        assertEquals(0, feature(s, 12345), "unknown features are just unsupported");
        ok(call(s, Procedure.CONNECT_REGISTER_CLOSE_CALLBACK, Empty.INSTANCE), Empty::decode);
        assertTrue(s.closeCallback());
        assertEquals("test:///default", ok(call(s, Procedure.CONNECT_GET_URI, Empty.INSTANCE), OneString::decode).value());
        assertEquals("TEST", ok(call(s, Procedure.CONNECT_GET_TYPE, Empty.INSTANCE), OneString::decode).value());
        assertEquals(2, ok(call(s, Procedure.CONNECT_GET_VERSION, Empty.INSTANCE), OneUHyper::decode).value());
        assertEquals(9_000_000, ok(call(s, Procedure.CONNECT_GET_LIB_VERSION, Empty.INSTANCE), OneUHyper::decode).value());
        ok(call(s, Procedure.CONNECT_UNREGISTER_CLOSE_CALLBACK, Empty.INSTANCE), Empty::decode);
        ok(call(s, Procedure.CONNECT_CLOSE, Empty.INSTANCE), Empty::decode);
        assertTrue(s.closeRequested());
        assertNull(s.connectionOrNull());
    }

    int feature(Session s, int f) {
        return ok(call(s, Procedure.CONNECT_SUPPORTS_FEATURE, new OneInt(f)), OneInt::decode).value();
    }

    @Test
    void callsBeforeOpenAndSecondOpenFailAsInLibvirtd() {
        Session s = session();
        RemoteError e = error(call(s, Procedure.DOMAIN_LOOKUP_BY_NAME, new OneString("test")));
        assertEquals(ErrorCode.INTERNAL_ERROR.value(), e.code());
        assertEquals("internal error: connection not open", e.message());
        ok(call(s, Procedure.CONNECT_OPEN, new ConnectProcs.OpenArgs("test:///default", 0)), Empty::decode);
        e = error(call(s, Procedure.CONNECT_OPEN, new ConnectProcs.OpenArgs("test:///default", 0)));
        assertEquals("internal error: connection already open", e.message());
        // the first connection is still the one in use
        assertEquals("test", ok(call(s, Procedure.DOMAIN_LOOKUP_BY_NAME, new OneString("test")), DomainRet::decode)
            .dom().name());
    }

    @Test
    void uriMapping() {
        Session blank = session();
        ok(call(blank, Procedure.CONNECT_OPEN, new ConnectProcs.OpenArgs(null, 0)), Empty::decode);
        assertEquals("test:///default", blank.conn().uri(), "no name: the daemon's default URI");
        for (String uri : List.of("foo:///bar", "qemu+tcp://elsewhere/system", "test://otherhost/default", "::")) {
            RemoteError e = error(call(session(), Procedure.CONNECT_OPEN, new ConnectProcs.OpenArgs(uri, 0)));
            assertEquals(ErrorCode.NO_CONNECT.value(), e.code(), uri);
            assertEquals("no connection driver available for " + uri, e.message());
        }
        // a scheme Vireo serves but no driver of which is installed here
        RemoteError e = error(call(session(), Procedure.CONNECT_OPEN, new ConnectProcs.OpenArgs("qemu:///system", 0)));
        assertEquals(ErrorCode.NO_CONNECT.value(), e.code());
    }

    @Test
    void readOnlyByFlagOrBySocket() {
        Session byFlag = session();
        ok(call(byFlag, Procedure.CONNECT_OPEN,
            new ConnectProcs.OpenArgs("test:///default", ConnectProcs.OPEN_READ_ONLY)), Empty::decode);
        Session bySocket = new Session("ro", true, AuthMethod.NONE);
        ok(call(bySocket, Procedure.CONNECT_OPEN, new ConnectProcs.OpenArgs("test:///default", 0)), Empty::decode);
        for (Session s : List.of(byFlag, bySocket)) {
            RemoteError e = error(call(s, Procedure.DOMAIN_DEFINE_XML, new OneString(DOMAIN_XML)));
            assertEquals(ErrorCode.OPERATION_DENIED.value(), e.code());
            assertEquals("operation forbidden: read only access prevents virDomainDefineXML", e.message());
            e = error(call(s, Procedure.DOMAIN_DESTROY, new DomainArgs(dom("test"))));
            assertEquals(ErrorCode.OPERATION_DENIED.value(), e.code());
            // reading is fine
            assertEquals(1, ok(call(s, Procedure.DOMAIN_GET_STATE, new DomainFlagsArgs(dom("test"), 0)),
                DomainProcs.GetStateRet::decode).state());
        }
    }

    @Test
    void unknownAndUnimplementedProceduresAreNoSupport() {
        Session s = opened();
        // a number past libvirt 9.0's last procedure
        Header unknown = new Header(Program.REMOTE, 1, 9999, MessageType.CALL, 40, MessageStatus.OK);
        RemoteError e = error(call(s, unknown, Empty.INSTANCE));
        assertEquals(ErrorCode.NO_SUPPORT.value(), e.code());
        assertEquals("this function is not supported by the connection driver: procedure 9999", e.message());
        // a known procedure without a codec, and one with a codec but no handler
        for (Procedure p : List.of(Procedure.DOMAIN_BLOCK_PEEK, Procedure.DOMAIN_BLOCK_STATS_FLAGS)) {
            e = error(call(s, p, Empty.INSTANCE));
            assertEquals(ErrorCode.NO_SUPPORT.value(), e.code(), p.name());
            assertEquals(ErrorDomain.RPC.value(), e.domain());
            assertEquals(2, e.level());
        }
        assertEquals("this function is not supported by the connection driver: virDomainBlockStatsFlags", e.message());
        // the session is unharmed
        assertEquals("TEST", ok(call(s, Procedure.CONNECT_GET_TYPE, Empty.INSTANCE), OneString::decode).value());
    }

    @Test
    void protocolErrorsAreErrorRepliesNotExceptions() {
        Session s = opened();
        Header lxc = new Header(Program.LXC, 1, 1, MessageType.CALL, 7, MessageStatus.OK);
        RemoteError e = error(call(s, lxc, Empty.INSTANCE));
        assertEquals(ErrorCode.RPC.value(), e.code());
        assertEquals("Cannot find program 425984 version 1", e.message());
        Header qemuTruncated = new Header(Program.QEMU, 1, 1, MessageType.CALL, 7, MessageStatus.OK);
        e = error(call(s, qemuTruncated, Empty.INSTANCE));
        assertEquals(ErrorCode.RPC.value(), e.code());
        assertTrue(e.message().startsWith("Unable to decode the arguments of virDomainQemuMonitorCommand"),
            e.message());
        Header qemuAgent = new Header(Program.QEMU, 1, 3, MessageType.CALL, 7, MessageStatus.OK);
        e = error(call(s, qemuAgent, Empty.INSTANCE));
        assertEquals(ErrorCode.NO_SUPPORT.value(), e.code());
        Header badStatus = new Header(Program.REMOTE, 1, Procedure.CONNECT_GET_TYPE.number(), MessageType.CALL, 8,
            MessageStatus.ERROR);
        assertEquals(ErrorCode.RPC.value(), error(call(s, badStatus, Empty.INSTANCE)).code());
        Header withFds = new Header(Program.REMOTE, 1, Procedure.CONNECT_GET_TYPE.number(), MessageType.CALL_WITH_FDS,
            9, MessageStatus.OK);
        assertEquals(ErrorCode.RPC.value(), error(call(s, withFds, Empty.INSTANCE)).code());

        // truncated args, and args followed by garbage
        Header lookup = Header.call(Procedure.DOMAIN_LOOKUP_BY_NAME, 10);
        byte[] truncated = new OneString("test").toXdr();
        truncated = Arrays.copyOf(truncated, truncated.length - 4);
        Packet reply = new PacketReader().next(ByteBuffer.wrap(dispatcher.dispatch(s, new Packet(lookup, truncated))));
        e = error(reply);
        assertEquals(ErrorCode.RPC.value(), e.code());
        assertTrue(e.message().startsWith("Unable to decode the arguments of virDomainLookupByName"), e.message());
        byte[] trailing = Arrays.copyOf(new OneString("test").toXdr(), 16);
        reply = new PacketReader().next(ByteBuffer.wrap(dispatcher.dispatch(s, new Packet(lookup, trailing))));
        assertEquals(ErrorCode.RPC.value(), error(reply).code());
    }

    @Test
    void apiErrorsTravelWithTheirCodeDomainAndMessage() {
        Session s = opened();
        RemoteError e = error(call(s, Procedure.DOMAIN_LOOKUP_BY_NAME, new OneString("nosuch")));
        assertEquals(ErrorCode.NO_DOMAIN.value(), e.code());
        assertEquals(ErrorDomain.TEST.value(), e.domain());
        assertEquals("Domain not found: no domain with matching name 'nosuch'", e.message());
        assertEquals(RemoteError.LEVEL_ERROR, e.level());
        e = error(call(s, Procedure.DOMAIN_CREATE, new DomainArgs(dom("test"))));
        assertEquals(ErrorCode.OPERATION_INVALID.value(), e.code());
        e = error(call(s, Procedure.DOMAIN_GET_STATE, new DomainFlagsArgs(dom("test"), 1)));
        assertEquals(ErrorCode.INVALID_ARG.value(), e.code());
    }

    @Test
    void authenticationGatesEverythingButAuthAndFeatures() {
        Session s = new Session("sasl", false, AuthMethod.SASL);
        assertEquals(List.of(1), ok(call(s, Procedure.AUTH_LIST, Empty.INSTANCE), ConnectProcs.AuthListRet::decode).types());
        assertEquals(1, feature(s, ConnectProcs.FEATURE_PROGRAM_KEEPALIVE));
        RemoteError e = error(call(s, Procedure.CONNECT_OPEN, new ConnectProcs.OpenArgs("test:///default", 0)));
        assertEquals(ErrorCode.RPC.value(), e.code());
        assertEquals("authentication required", e.message());
        e = error(call(s, Procedure.AUTH_SASL_INIT, Empty.INSTANCE));
        assertEquals(ErrorCode.AUTH_FAILED.value(), e.code());
    }

    @Test
    void domainLifecycleOverTheWire() {
        Session s = opened();
        DomainProcs.ListAllDomainsRet all = ok(call(s, Procedure.CONNECT_LIST_ALL_DOMAINS, new ListAllArgs(1,
            ListFlags.DOMAIN_ACTIVE | ListFlags.DOMAIN_INACTIVE)), DomainProcs.ListAllDomainsRet::decode);
        assertEquals(List.of(new NonnullDomain("test", TEST_UUID, 1)), all.domains());
        assertEquals(1, all.ret());
        DomainProcs.ListAllDomainsRet countOnly = ok(call(s, Procedure.CONNECT_LIST_ALL_DOMAINS, new ListAllArgs(0, 0)),
            DomainProcs.ListAllDomainsRet::decode);
        assertEquals(List.of(), countOnly.domains(), "need_results 0: the count only");
        assertEquals(1, countOnly.ret());

        NonnullDomain d1 = ok(call(s, Procedure.DOMAIN_DEFINE_XML, new OneString(DOMAIN_XML)), DomainRet::decode).dom();
        assertEquals("d1", d1.name());
        assertEquals(-1, d1.id());
        assertEquals(d1, ok(call(s, Procedure.DOMAIN_LOOKUP_BY_UUID, new OneUuid(d1.uuid())), DomainRet::decode).dom());
        assertEquals(List.of("d1"), ok(call(s, Procedure.CONNECT_LIST_DEFINED_DOMAINS, new OneInt(10)), NameList::decode)
            .names());
        ok(call(s, Procedure.DOMAIN_CREATE, new DomainArgs(d1)), Empty::decode);
        NonnullDomain running = ok(call(s, Procedure.DOMAIN_LOOKUP_BY_UUID, new OneUuid(d1.uuid())), DomainRet::decode).dom();
        assertTrue(running.id() > 1, "a running domain gets a new id");
        assertEquals(running, ok(call(s, Procedure.DOMAIN_LOOKUP_BY_ID, new OneInt(running.id())), DomainRet::decode).dom());

        DomainProcs.GetInfoRet info = ok(call(s, Procedure.DOMAIN_GET_INFO, new DomainArgs(d1)),
            DomainProcs.GetInfoRet::decode);
        assertEquals(1, info.state());
        assertEquals(262144, info.maxMem());
        assertEquals(1, info.nrVirtCpu());
        assertEquals(new DomainProcs.GetStateRet(1, 1), ok(call(s, Procedure.DOMAIN_GET_STATE,
            new DomainFlagsArgs(d1, 0)), DomainProcs.GetStateRet::decode), "running, booted");
        String xml = ok(call(s, Procedure.DOMAIN_GET_XML_DESC, new DomainFlagsArgs(d1, 0)), OneString::decode).value();
        assertTrue(xml.contains("id='" + running.id() + "'"), xml);
        assertEquals("libvirt-test", ok(call(s, Procedure.DOMAIN_GET_SECURITY_LABEL, new DomainArgs(d1)),
            DomainProcs.GetSecurityLabelRet::decode).labelText());

        ok(call(s, Procedure.DOMAIN_SET_MEMORY_FLAGS, new DomainProcs.SetMemoryFlagsArgs(d1, 131072, 1)), Empty::decode);
        assertEquals(131072, ok(call(s, Procedure.DOMAIN_GET_INFO, new DomainArgs(d1)),
            DomainProcs.GetInfoRet::decode).memory());
        ok(call(s, Procedure.DOMAIN_SUSPEND, new DomainArgs(d1)), Empty::decode);
        assertEquals(3, ok(call(s, Procedure.DOMAIN_GET_STATE, new DomainFlagsArgs(d1, 0)),
            DomainProcs.GetStateRet::decode).state());
        ok(call(s, Procedure.DOMAIN_RESUME, new DomainArgs(d1)), Empty::decode);
        ok(call(s, Procedure.DOMAIN_DESTROY, new DomainArgs(d1)), Empty::decode);
        assertEquals(0, ok(call(s, Procedure.DOMAIN_IS_ACTIVE, new DomainArgs(d1)), OneInt::decode).value());
        ok(call(s, Procedure.DOMAIN_UNDEFINE_FLAGS, new DomainFlagsArgs(d1, 0)), Empty::decode);
        assertEquals(ErrorCode.NO_DOMAIN.value(),
            error(call(s, Procedure.DOMAIN_LOOKUP_BY_UUID, new OneUuid(d1.uuid()))).code());

        // a transient domain from create-XML runs at once
        NonnullDomain t = ok(call(s, Procedure.DOMAIN_CREATE_XML, new StringFlags(DOMAIN_XML, 0)), DomainRet::decode).dom();
        assertTrue(t.id() > 0);
        assertEquals(0, ok(call(s, Procedure.DOMAIN_IS_PERSISTENT, new DomainArgs(t)), OneInt::decode).value());
    }

    @Test
    void networksPoolsVolumesAndSnapshots() {
        Session s = opened();
        NetworkProcs.ListAllNetworksRet nets = ok(call(s, Procedure.CONNECT_LIST_ALL_NETWORKS, new ListAllArgs(1, 0)),
            NetworkProcs.ListAllNetworksRet::decode);
        assertEquals("default", nets.nets().get(0).name());
        assertEquals("virbr0", ok(call(s, Procedure.NETWORK_GET_BRIDGE_NAME,
            new NetworkProcs.NetworkArgs(nets.nets().get(0))), OneString::decode).value());

        StorageProcs.ListAllPoolsRet pools = ok(call(s, Procedure.CONNECT_LIST_ALL_STORAGE_POOLS, new ListAllArgs(1, 0)),
            StorageProcs.ListAllPoolsRet::decode);
        var pool = pools.pools().get(0);
        assertEquals("default-pool", pool.name());
        var vol = ok(call(s, Procedure.STORAGE_VOL_CREATE_XML, new StorageProcs.VolCreateXmlArgs(pool,
            "<volume><name>a.img</name><capacity>1048576</capacity></volume>", 0)), StorageProcs.VolRet::decode).vol();
        assertEquals(new io.vireo.remote.protocol.NonnullStorageVol("default-pool", "a.img", vol.key()), vol);
        StorageProcs.VolGetInfoRet vi = ok(call(s, Procedure.STORAGE_VOL_GET_INFO, new StorageProcs.VolArgs(vol)),
            StorageProcs.VolGetInfoRet::decode);
        assertEquals(1048576, vi.capacity());
        String path = ok(call(s, Procedure.STORAGE_VOL_GET_PATH, new StorageProcs.VolArgs(vol)), OneString::decode).value();
        assertEquals(vol, ok(call(s, Procedure.STORAGE_VOL_LOOKUP_BY_PATH, new OneString(path)),
            StorageProcs.VolRet::decode).vol());
        assertEquals(pool, ok(call(s, Procedure.STORAGE_POOL_LOOKUP_BY_VOLUME, new StorageProcs.VolArgs(vol)),
            StorageProcs.PoolRet::decode).pool());
        ok(call(s, Procedure.STORAGE_VOL_DELETE, new StorageProcs.VolFlagsArgs(vol, 0)), Empty::decode);

        NonnullDomain test = dom("test");
        var s1 = ok(call(s, Procedure.DOMAIN_SNAPSHOT_CREATE_XML, new SnapshotProcs.CreateXmlArgs(test,
            "<domainsnapshot><name>s1</name></domainsnapshot>", 0)), SnapshotProcs.SnapshotRet::decode).snap();
        var s2 = ok(call(s, Procedure.DOMAIN_SNAPSHOT_CREATE_XML, new SnapshotProcs.CreateXmlArgs(test,
            "<domainsnapshot><name>s2</name></domainsnapshot>", 0)), SnapshotProcs.SnapshotRet::decode).snap();
        assertEquals("s1", s1.name());
        assertEquals(test, s1.dom());
        assertEquals(s2, ok(call(s, Procedure.DOMAIN_SNAPSHOT_CURRENT, new DomainFlagsArgs(test, 0)),
            SnapshotProcs.SnapshotRet::decode).snap());
        assertEquals(s1, ok(call(s, Procedure.DOMAIN_SNAPSHOT_GET_PARENT, new SnapshotProcs.SnapshotFlagsArgs(s2, 0)),
            SnapshotProcs.SnapshotRet::decode).snap());
        assertEquals(ErrorCode.NO_DOMAIN_SNAPSHOT.value(), error(call(s, Procedure.DOMAIN_SNAPSHOT_GET_PARENT,
            new SnapshotProcs.SnapshotFlagsArgs(s1, 0))).code(), "a root has no parent");
        assertEquals(1, ok(call(s, Procedure.DOMAIN_SNAPSHOT_NUM_CHILDREN, new SnapshotProcs.SnapshotFlagsArgs(s1, 0)),
            OneInt::decode).value());
        assertEquals(0, ok(call(s, Procedure.DOMAIN_SNAPSHOT_NUM_CHILDREN, new SnapshotProcs.SnapshotFlagsArgs(s2, 0)),
            OneInt::decode).value());
        SnapshotProcs.ListAllRet list = ok(call(s, Procedure.DOMAIN_LIST_ALL_SNAPSHOTS,
            new SnapshotProcs.ListAllArgs(test, 1, 0)), SnapshotProcs.ListAllRet::decode);
        assertEquals(2, list.ret());
        ok(call(s, Procedure.DOMAIN_REVERT_TO_SNAPSHOT, new SnapshotProcs.SnapshotFlagsArgs(s1, 0)), Empty::decode);
        ok(call(s, Procedure.DOMAIN_SNAPSHOT_DELETE, new SnapshotProcs.SnapshotFlagsArgs(s2, 0)), Empty::decode);
        assertEquals(1, ok(call(s, Procedure.DOMAIN_SNAPSHOT_NUM, new DomainFlagsArgs(test, 0)), OneInt::decode).value());
    }

    /** An event target that keeps what it is sent. */
    static final class Recorder implements EventTarget {
        final Session session;
        final List<Packet> packets = new ArrayList<>();

        Recorder(Session session) {
            this.session = session;
        }

        @Override
        public Session session() {
            return session;
        }

        @Override
        public synchronized void send(byte[] packet) {
            packets.add(new PacketReader().next(ByteBuffer.wrap(packet)));
        }

        synchronized List<EventProcs.DomainLifecycleMsg> lifecycle() {
            List<EventProcs.DomainLifecycleMsg> out = new ArrayList<>();
            for (Packet p : packets) {
                assertEquals(MessageType.MESSAGE, p.header().type());
                assertEquals(Procedure.DOMAIN_EVENT_CALLBACK_LIFECYCLE.number(), p.header().procedure());
                out.add(p.decodePayload(EventProcs.DomainLifecycleMsg::decode));
            }
            return out;
        }
    }

    @Test
    void lifecycleEventsGoOnlyToRegisteredCallbacksInOrder() throws Exception {
        Recorder all = new Recorder(opened());
        Recorder other = new Recorder(opened());
        Recorder filtered = new Recorder(opened());
        Recorder none = new Recorder(opened());
        EventRouter router = new EventRouter(() -> List.of(all, other, filtered, none));
        stack.forwardEventsTo(router);

        int id = ok(call(all.session, Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
            new EventProcs.DomainCallbackRegisterArgs(EventProcs.DOMAIN_EVENT_ID_LIFECYCLE, null)), OneInt::decode).value();
        int reboot = ok(call(other.session, Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
            new EventProcs.DomainCallbackRegisterArgs(EventProcs.DOMAIN_EVENT_ID_REBOOT, null)), OneInt::decode).value();
        int onlyTest = ok(call(filtered.session, Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
            new EventProcs.DomainCallbackRegisterArgs(EventProcs.DOMAIN_EVENT_ID_LIFECYCLE, dom("test"))),
            OneInt::decode).value();
        assertTrue(reboot >= 0 && onlyTest >= 0);
        RemoteError e = error(call(all.session, Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
            new EventProcs.DomainCallbackRegisterArgs(27, null)));
        assertEquals("invalid argument: unsupported event ID 27", e.message());

        Session s = all.session;
        NonnullDomain d1 = ok(call(s, Procedure.DOMAIN_DEFINE_XML, new OneString(DOMAIN_XML)), DomainRet::decode).dom();
        ok(call(s, Procedure.DOMAIN_CREATE, new DomainArgs(d1)), Empty::decode);
        // The id in an event is read when it is delivered; wait so that it is still running then.
        await(() -> all.lifecycle().size() == 2, "defined and started");
        ok(call(s, Procedure.DOMAIN_SUSPEND, new DomainArgs(d1)), Empty::decode);
        ok(call(s, Procedure.DOMAIN_RESUME, new DomainArgs(d1)), Empty::decode);
        ok(call(s, Procedure.DOMAIN_DESTROY, new DomainArgs(d1)), Empty::decode);
        ok(call(s, Procedure.DOMAIN_UNDEFINE, new DomainArgs(d1)), Empty::decode);
        ok(call(s, Procedure.DOMAIN_SUSPEND, new DomainArgs(dom("test"))), Empty::decode);
        // one event reaches every client before the next is routed: once 'all' has the last, all have it
        await(() -> all.lifecycle().size() == 7, "7 events");

        List<String> seen = all.lifecycle().stream()
            .map(m -> m.callbackID() + " " + m.dom().name() + " " + m.event() + "/" + m.detail()).toList();
        assertEquals(List.of(id + " d1 0/0", id + " d1 2/0", id + " d1 3/0", id + " d1 4/0", id + " d1 5/1",
            id + " d1 1/0", id + " test 3/0"), seen, "defined, started, suspended, resumed, stopped, undefined");
        assertTrue(all.lifecycle().get(1).dom().id() > 0, "a started domain's event carries its id");
        assertEquals(-1, all.lifecycle().get(4).dom().id(), "a stopped domain's event has id -1");
        assertEquals(List.of(), other.lifecycle(), "registered for reboot only");
        assertEquals(List.of(onlyTest + " test 3/0"), filtered.lifecycle().stream()
            .map(m -> m.callbackID() + " " + m.dom().name() + " " + m.event() + "/" + m.detail()).toList());
        assertEquals(List.of(), none.lifecycle(), "never registered");

        ok(call(s, Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, new OneInt(id)), Empty::decode);
        e = error(call(s, Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, new OneInt(id)));
        assertEquals("internal error: domain event callback " + id + " not registered", e.message());
        ok(call(s, Procedure.DOMAIN_RESUME, new DomainArgs(dom("test"))), Empty::decode);
        await(() -> filtered.lifecycle().size() == 2, "the resume reached the filtered callback");
        assertEquals(7, all.lifecycle().size(), "nothing after deregistering");
    }

    @Test
    void forwarderTakesTheEventsIdAndIgnoresMalformedEvents() {
        Recorder r = new Recorder(opened());
        EventForwarder forwarder = new EventForwarder(new EventRouter(() -> List.of(r)));
        int id = ok(call(r.session, Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
            new EventProcs.DomainCallbackRegisterArgs(0, null)), OneInt::decode).value();
        java.util.function.Function<Map<String, Object>, org.osgi.service.event.Event> event =
            props -> new org.osgi.service.event.Event("io/vireo/domain/STARTED", props);
        Map<String, Object> good = new HashMap<>(Map.of("uri", "test:///default", "name", "gone",
            "uuid", UUID.randomUUID().toString(), "event", 2, "detail", 0, "id", 42));
        forwarder.handleEvent(event.apply(good));
        assertEquals(42, r.lifecycle().get(0).dom().id(), "the id the event carries, not a lookup");
        for (String missing : List.of("uri", "name", "uuid", "event")) {
            Map<String, Object> bad = new HashMap<>(good);
            bad.remove(missing);
            forwarder.handleEvent(event.apply(bad));
        }
        Map<String, Object> badUuid = new HashMap<>(good);
        badUuid.put("uuid", "not-a-uuid");
        forwarder.handleEvent(event.apply(badUuid));
        Map<String, Object> otherUri = new HashMap<>(good);
        otherUri.put("uri", "test:///elsewhere");
        forwarder.handleEvent(event.apply(otherUri));
        forwarder.handleEvent(new org.osgi.service.event.Event("io/vireo/storage/volume/CREATED", good));
        assertEquals(1, r.lifecycle().size(), "only the well-formed event for this connection's URI");
        assertEquals(id, r.lifecycle().get(0).callbackID());
    }

    @Test
    void networkAndPoolEventsWhenRegistered() throws Exception {
        Recorder r = new Recorder(opened());
        stack.forwardEventsTo(new EventRouter(() -> List.of(r)));
        int net = ok(call(r.session, Procedure.CONNECT_NETWORK_EVENT_REGISTER_ANY,
            new EventProcs.NetworkRegisterArgs(0, null)), OneInt::decode).value();
        int pool = ok(call(r.session, Procedure.CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY,
            new EventProcs.StoragePoolRegisterArgs(0, null)), OneInt::decode).value();
        var nets = ok(call(r.session, Procedure.CONNECT_LIST_ALL_NETWORKS, new ListAllArgs(1, 0)),
            NetworkProcs.ListAllNetworksRet::decode).nets();
        ok(call(r.session, Procedure.NETWORK_DESTROY, new NetworkProcs.NetworkArgs(nets.get(0))), Empty::decode);
        var pools = ok(call(r.session, Procedure.CONNECT_LIST_ALL_STORAGE_POOLS, new ListAllArgs(1, 0)),
            StorageProcs.ListAllPoolsRet::decode).pools();
        ok(call(r.session, Procedure.STORAGE_POOL_DESTROY, new StorageProcs.PoolArgs(pools.get(0))), Empty::decode);
        await(() -> {
            synchronized (r) {
                return r.packets.size() == 2;
            }
        }, "network and pool events");
        synchronized (r) {
            assertEquals(2, r.packets.size());
            var n = r.packets.get(0).decodePayload(EventProcs.NetworkLifecycleMsg::decode);
            assertEquals(new EventProcs.NetworkLifecycleMsg(net, nets.get(0), 3, 0), n);
            var p = r.packets.get(1).decodePayload(EventProcs.StoragePoolLifecycleMsg::decode);
            assertEquals(new EventProcs.StoragePoolLifecycleMsg(pool, pools.get(0), 3, 0), p);
        }
        assertEquals(ErrorCode.INTERNAL_ERROR.value(), error(call(r.session,
            Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, new OneInt(net))).code(),
            "a network callback id is not a domain one");
    }

    @Test
    void everyReplyIsAWholePacket() {
        Session s = opened();
        byte[] bytes = dispatcher.dispatch(s, Packet.of(Header.call(Procedure.CONNECT_GET_CAPABILITIES, 3), Empty.INSTANCE));
        assertEquals(bytes.length, ByteBuffer.wrap(bytes).getInt(), "length word counts the whole packet");
        assertTrue(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).contains("<capabilities>"));
        assertEquals(MessageCodec.reply(Header.call(Procedure.CONNECT_CLOSE, 4), Empty.INSTANCE).length, 28);
    }
}
