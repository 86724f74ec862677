package io.vireo.remote.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.remote.protocol.CommonProcs.Empty;
import io.vireo.remote.protocol.CommonProcs.ListAllArgs;
import io.vireo.remote.protocol.CommonProcs.OneInt;
import io.vireo.remote.protocol.CommonProcs.OneString;
import io.vireo.remote.protocol.CommonProcs.OneUHyper;
import io.vireo.remote.protocol.CommonProcs.OneUuid;
import io.vireo.remote.protocol.DomainProcs.DomainArgs;
import io.vireo.remote.protocol.DomainProcs.DomainFlagsArgs;
import io.vireo.remote.protocol.DomainProcs.DomainRet;
import io.vireo.remote.xdr.XdrStruct;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every packet of the captured virsh/libvirtd sessions decodes into our structs and re-encodes byte for byte. */
class TraceGoldenTest {

    private static final UUID TEST_UUID = UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f");
    private static final UUID ANCHOR_UUID = UUID.fromString("dec04130-efe7-4cf6-8edb-1c68e792f621");

    record Decoded(Traces.Captured captured, Packet packet, XdrStruct body) {
    }

    static List<Decoded> decodeTrace(String name) {
        List<Decoded> out = new ArrayList<>();
        for (Traces.Captured c : Traces.load(name)) {
            PacketReader reader = new PacketReader();
            ByteBuffer bb = ByteBuffer.wrap(c.bytes());
            Packet p = reader.next(bb);
            assertNotNull(p, "incomplete packet");
            assertFalse(bb.hasRemaining());
            XdrStruct body = Payloads.decode(p);
            assertNotNull(body, () -> "no codec for " + p.header());
            out.add(new Decoded(c, p, body));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"virsh-list-all", "virsh-version", "virsh-define-start-dominfo-destroy-undefine"})
    void everyPacketDecodesAndReencodesByteForByte(String name) {
        List<Decoded> all = decodeTrace(name);
        assertFalse(all.isEmpty());
        for (Decoded d : all) {
            Header h = d.packet().header();
            assertEquals(Program.REMOTE, h.program());
            assertEquals(Program.VERSION, h.version());
            assertEquals(MessageStatus.OK, h.status());
            assertEquals(d.captured().fromClient() ? MessageType.CALL : MessageType.REPLY, h.type());
            byte[] again = MessageCodec.encode(h, d.body());
            assertArrayEquals(d.captured().bytes(), again, () -> "re-encoding " + h + " " + d.body());
            assertArrayEquals(d.captured().bytes(), d.packet().encode());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virsh-list-all", "virsh-version", "virsh-define-start-dominfo-destroy-undefine"})
    void repliesEchoTheirCallAndSerialsCountFromZero(String name) {
        List<Decoded> all = decodeTrace(name);
        Map<Integer, Header> calls = new HashMap<>();
        int expectedSerial = 0;
        for (Decoded d : all) {
            Header h = d.packet().header();
            if (h.type() == MessageType.CALL) {
                assertEquals(expectedSerial++, h.serial());
                calls.put(h.serial(), h);
            } else {
                Header call = calls.remove(h.serial());
                assertNotNull(call, "reply without call: " + h);
                assertEquals(call.reply(MessageStatus.OK), h);
            }
        }
        assertTrue(calls.isEmpty(), "unanswered calls " + calls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"virsh-list-all", "virsh-version", "virsh-define-start-dominfo-destroy-undefine"})
    void streamCutAnywhereGivesTheSamePackets(String name) {
        Random r = new Random(name.hashCode());
        for (boolean clientSide : new boolean[] {true, false}) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            List<byte[]> expected = new ArrayList<>();
            for (Traces.Captured c : Traces.load(name)) {
                if (c.fromClient() == clientSide) {
                    stream.writeBytes(c.bytes());
                    expected.add(c.bytes());
                }
            }
            byte[] all = stream.toByteArray();
            for (int round = 0; round < 50; round++) {
                PacketReader reader = new PacketReader();
                List<byte[]> got = new ArrayList<>();
                int off = 0;
                while (off < all.length) {
                    int n = round == 0 ? 1 : Math.min(all.length - off, 1 + r.nextInt(round < 25 ? 7 : 200));
                    ByteBuffer chunk = ByteBuffer.wrap(all, off, n);
                    Packet p;
                    while ((p = reader.next(chunk)) != null) {
                        got.add(p.encode());
                    }
                    off += n;
                }
                assertTrue(reader.isIdle());
                assertEquals(expected.size(), got.size());
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i), got.get(i));
                }
            }
        }
    }

    private static XdrStruct body(List<Decoded> all, Procedure proc, MessageType type, int nth) {
        int seen = 0;
        for (Decoded d : all) {
            if (d.packet().header().procedure() == proc.number() && d.packet().header().type() == type
                && seen++ == nth) {
                return d.body();
            }
        }
        throw new AssertionError("no " + type + " #" + nth + " of " + proc);
    }

    @Test
    void handshakeAsTheFactSheetDescribes() {
        List<Decoded> all = decodeTrace("virsh-list-all");
        assertEquals(new ConnectProcs.AuthListRet(List.of(ConnectProcs.AUTH_NONE)),
            body(all, Procedure.AUTH_LIST, MessageType.REPLY, 0));
        assertEquals(new OneInt(ConnectProcs.FEATURE_PROGRAM_KEEPALIVE),
            body(all, Procedure.CONNECT_SUPPORTS_FEATURE, MessageType.CALL, 0));
        assertEquals(new OneInt(ConnectProcs.FEATURE_REMOTE_EVENT_CALLBACK),
            body(all, Procedure.CONNECT_SUPPORTS_FEATURE, MessageType.CALL, 1));
        assertEquals(new OneInt(ConnectProcs.FEATURE_REMOTE_CLOSE_CALLBACK),
            body(all, Procedure.CONNECT_SUPPORTS_FEATURE, MessageType.CALL, 2));
        for (int i = 0; i < 3; i++) {
            assertEquals(new OneInt(1), body(all, Procedure.CONNECT_SUPPORTS_FEATURE, MessageType.REPLY, i));
        }
        assertEquals(new ConnectProcs.OpenArgs("test:///default", 0),
            body(all, Procedure.CONNECT_OPEN, MessageType.CALL, 0));
        assertEquals(Empty.INSTANCE, body(all, Procedure.CONNECT_CLOSE, MessageType.REPLY, 0));
    }

    @Test
    void listAllShowsTheTestDriversDomain() {
        List<Decoded> all = decodeTrace("virsh-list-all");
        assertEquals(new ListAllArgs(1, 3), body(all, Procedure.CONNECT_LIST_ALL_DOMAINS, MessageType.CALL, 0));
        NonnullDomain test = new NonnullDomain("test", TEST_UUID, 1);
        assertEquals(new DomainProcs.ListAllDomainsRet(List.of(test), 1),
            body(all, Procedure.CONNECT_LIST_ALL_DOMAINS, MessageType.REPLY, 0));
        assertEquals(new DomainFlagsArgs(test, 0), body(all, Procedure.DOMAIN_GET_STATE, MessageType.CALL, 0));
        assertEquals(new DomainProcs.GetStateRet(1, 0), body(all, Procedure.DOMAIN_GET_STATE, MessageType.REPLY, 0));
    }

    @Test
    void versionReportsTheTestDriver() {
        List<Decoded> all = decodeTrace("virsh-version");
        assertEquals(new OneString("TEST"), body(all, Procedure.CONNECT_GET_TYPE, MessageType.REPLY, 0));
        assertEquals(new OneUHyper(2), body(all, Procedure.CONNECT_GET_VERSION, MessageType.REPLY, 0));
    }

    @Test
    void defineStartDominfoDestroyUndefine() {
        List<Decoded> all = decodeTrace("virsh-define-start-dominfo-destroy-undefine");
        String xml = ((OneString) body(all, Procedure.DOMAIN_DEFINE_XML, MessageType.CALL, 0)).value();
        assertTrue(xml.startsWith("<domain type='test'><name>anchor-trace</name>"), xml);
        NonnullDomain inactive = new NonnullDomain("anchor-trace", ANCHOR_UUID, -1);
        NonnullDomain running = new NonnullDomain("anchor-trace", ANCHOR_UUID, 2);
        assertEquals(new DomainRet(inactive), body(all, Procedure.DOMAIN_DEFINE_XML, MessageType.REPLY, 0));
        assertEquals(new OneString("anchor-trace"), body(all, Procedure.DOMAIN_LOOKUP_BY_NAME, MessageType.CALL, 0));
        assertEquals(new DomainArgs(inactive), body(all, Procedure.DOMAIN_CREATE, MessageType.CALL, 0));
        // the client refreshes the id right after DOMAIN_CREATE
        assertEquals(new OneUuid(ANCHOR_UUID), body(all, Procedure.DOMAIN_LOOKUP_BY_UUID, MessageType.CALL, 0));
        assertEquals(new DomainRet(running), body(all, Procedure.DOMAIN_LOOKUP_BY_UUID, MessageType.REPLY, 0));
        assertEquals(new OneString("linux"), body(all, Procedure.DOMAIN_GET_OS_TYPE, MessageType.REPLY, 0));
        DomainProcs.GetInfoRet info = (DomainProcs.GetInfoRet) body(all, Procedure.DOMAIN_GET_INFO,
            MessageType.REPLY, 0);
        assertEquals(1, info.state());
        assertEquals(65536, info.maxMem());
        assertEquals(65536, info.memory());
        assertEquals(1, info.nrVirtCpu());
        assertEquals(1795313149L, info.cpuTime() / 1_000_000_000L);
        assertEquals(new OneInt(1), body(all, Procedure.DOMAIN_IS_PERSISTENT, MessageType.REPLY, 0));
        assertEquals(new OneInt(0), body(all, Procedure.DOMAIN_GET_AUTOSTART, MessageType.REPLY, 0));
        assertEquals(new DomainFlagsArgs(running, 0),
            body(all, Procedure.DOMAIN_HAS_MANAGED_SAVE_IMAGE, MessageType.CALL, 0));
        ConnectProcs.NodeGetSecurityModelRet model = (ConnectProcs.NodeGetSecurityModelRet) body(all,
            Procedure.NODE_GET_SECURITY_MODEL, MessageType.REPLY, 0);
        assertEquals(ConnectProcs.NodeGetSecurityModelRet.of("testSecurity", ""), model);
        assertEquals("testSecurity", model.modelText());
        assertEquals("", model.doiText());
        DomainProcs.GetSecurityLabelRet label = (DomainProcs.GetSecurityLabelRet) body(all,
            Procedure.DOMAIN_GET_SECURITY_LABEL, MessageType.REPLY, 0);
        assertEquals(DomainProcs.GetSecurityLabelRet.of("libvirt-test", true), label);
        assertEquals(new DomainProcs.GetMessagesRet(List.of()),
            body(all, Procedure.DOMAIN_GET_MESSAGES, MessageType.REPLY, 0));
        assertEquals(new DomainArgs(running), body(all, Procedure.DOMAIN_DESTROY, MessageType.CALL, 0));
        assertEquals(new OneInt(0), body(all, Procedure.DOMAIN_IS_ACTIVE, MessageType.REPLY, 0));
        assertEquals(new OneInt(0), body(all, Procedure.DOMAIN_SNAPSHOT_NUM, MessageType.REPLY, 0));
        assertEquals(new DomainFlagsArgs(inactive, 0),
            body(all, Procedure.DOMAIN_UNDEFINE_FLAGS, MessageType.CALL, 0));
        assertInstanceOf(Empty.class, body(all, Procedure.DOMAIN_UNDEFINE_FLAGS, MessageType.REPLY, 0));
        assertNull(ProcedureTable.signature(Procedure.DOMAIN_FD_ASSOCIATE).orElse(null));
    }
}
