package io.vireo.remote.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.remote.protocol.CommonProcs.OneString;
import io.vireo.remote.protocol.DomainProcs.DomainRet;
import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrException;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Byte layouts stated in the fact sheet, and the protocol helpers. */
class ProtocolTest {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String h(String s) {
        return s.replace(" ", "");
    }

    @Test
    void keepalivePingAndPongAre28Bytes() {
        assertEquals(h("0000001c 6b656570 00000001 00000001 00000002 00000000 00000000"), hex(MessageCodec.ping()));
        assertEquals(h("0000001c 6b656570 00000001 00000002 00000002 00000000 00000000"), hex(MessageCodec.pong()));
    }

    @Test
    void lookupByNameWorkedExample() {
        byte[] call = MessageCodec.encode(Header.call(Procedure.DOMAIN_LOOKUP_BY_NAME, 5), new OneString("test"));
        assertEquals(h("00000024 20008086 00000001 00000017 00000000 00000005 00000000 00000004 74657374"), hex(call));
        Header callHeader = new PacketReader().next(java.nio.ByteBuffer.wrap(call)).header();
        UUID uuid = UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f");
        byte[] reply = MessageCodec.reply(callHeader, new DomainRet(new NonnullDomain("test", uuid, 1)));
        assertEquals(56, reply.length);
        assertEquals(h("00000038 20008086 00000001 00000017 00000001 00000005 00000000 00000004 74657374"
            + "6695eb01f6a4830479aa97f2502e193f 00000001"), hex(reply));
    }

    @Test
    void errorReplyCarriesRemoteError() {
        Header call = Header.call(Procedure.DOMAIN_LOOKUP_BY_NAME, 7);
        RemoteError err = RemoteError.of(42, 12, "Domain not found: no domain with matching name 'foo'");
        byte[] wire = MessageCodec.error(call, err);
        Packet p = new PacketReader().next(java.nio.ByteBuffer.wrap(wire));
        assertEquals(MessageType.REPLY, p.header().type());
        assertEquals(MessageStatus.ERROR, p.header().status());
        assertEquals(call.procedure(), p.header().procedure());
        assertEquals(7, p.header().serial());
        assertEquals(err, Payloads.decode(p));
        String msg = "Domain not found: no domain with matching name 'foo'";
        int msgLen = msg.length(); // 52, a multiple of 4: no padding
        assertEquals(h("0000002a 0000000c 00000001 " + String.format("%08x", msgLen)) + hex(msg.getBytes())
            + h("00000002 00000000 00000000 00000000 00000000 ffffffff ffffffff 00000000"), hex(err.toXdr()));
    }

    @Test
    void remoteErrorWithEverythingSetRoundTrips() {
        NonnullDomain dom = new NonnullDomain("d", new UUID(1, 2), 3);
        RemoteError full = new RemoteError(1, 2, null, 1, dom, "a", "", null, 4, 5, new NonnullNetwork("n", new UUID(3, 4)));
        XdrDecoder d = new XdrDecoder(full.toXdr());
        assertEquals(full, RemoteError.decode(d));
        d.requireEnd();
    }

    @Test
    void eventMessagesUseSerialOneAndStartWithTheCallbackId() {
        NonnullDomain dom = new NonnullDomain("anchor-trace", UUID.fromString("dec04130-efe7-4cf6-8edb-1c68e792f621"), 2);
        byte[] wire = MessageCodec.event(Procedure.DOMAIN_EVENT_CALLBACK_LIFECYCLE,
            new EventProcs.DomainLifecycleMsg(5, dom, 2, 0));
        assertEquals(h("0000004c 20008086 00000001 0000013e 00000002 00000001 00000000 00000005 0000000c")
            + hex("anchor-trace".getBytes()) + h("dec04130efe74cf68edb1c68e792f621 00000002 00000002 00000000"),
            hex(wire));
        Packet p = new PacketReader().next(java.nio.ByteBuffer.wrap(wire));
        assertEquals(new EventProcs.DomainLifecycleMsg(5, dom, 2, 0), Payloads.decode(p));
    }

    @Test
    void domainEventIdsMapToCallbackProcedures() {
        assertEquals(Procedure.DOMAIN_EVENT_CALLBACK_LIFECYCLE, EventProcs.domainEventProcedure(0).orElseThrow());
        assertEquals(Procedure.DOMAIN_EVENT_CALLBACK_REBOOT, EventProcs.domainEventProcedure(1).orElseThrow());
        assertEquals(333, EventProcs.domainEventProcedure(15).orElseThrow().number());
        assertEquals(339, EventProcs.domainEventProcedure(16).orElseThrow().number());
        assertEquals(423, EventProcs.domainEventProcedure(25).orElseThrow().number());
        assertEquals(438, EventProcs.domainEventProcedure(EventProcs.DOMAIN_EVENT_ID_LAST).orElseThrow().number());
        assertFalse(EventProcs.domainEventProcedure(27).isPresent());
        assertFalse(EventProcs.domainEventProcedure(-1).isPresent());
    }

    @Test
    void procedureNumbersAreDenseAndUnique() {
        assertEquals(443, Procedure.values().length);
        Set<Integer> seen = new HashSet<>();
        for (Procedure p : Procedure.values()) {
            assertTrue(seen.add(p.number()));
            assertEquals(p, Procedure.find(p.number()).orElseThrow());
        }
        assertFalse(Procedure.find(0).isPresent());
        assertFalse(Procedure.find(444).isPresent());
        assertFalse(Procedure.find(-5).isPresent());
        assertEquals(273, Procedure.CONNECT_LIST_ALL_DOMAINS.number());
        assertEquals(318, Procedure.DOMAIN_EVENT_CALLBACK_LIFECYCLE.number());
        assertEquals(443, Procedure.DOMAIN_FD_ASSOCIATE.number());
    }

    @Test
    void replyEchoesTheCall() {
        Header call = new Header(Program.QEMU, 1, 1, MessageType.CALL, 0xfffffff0, MessageStatus.OK);
        Header reply = call.reply(MessageStatus.ERROR);
        assertEquals(new Header(Program.QEMU, 1, 1, MessageType.REPLY, 0xfffffff0, MessageStatus.ERROR), reply);
        assertFalse(reply.remoteProcedure().isPresent());
        assertEquals(Procedure.CONNECT_OPEN, Header.call(Procedure.CONNECT_OPEN, 0).remoteProcedure().orElseThrow());
        assertTrue(call.toString().contains("serial=4294967280"));
    }

    @Test
    void typedParamsEncodeEveryUnionArm() {
        List<TypedParam> params = List.of(TypedParam.ofInt("i", -1), TypedParam.ofUInt("u", -1),
            TypedParam.ofLLong("l", -2), TypedParam.ofULLong("cpu_time", 3), TypedParam.ofDouble("d", 0.5),
            TypedParam.ofBoolean("b", true), TypedParam.ofString("s", "x"));
        XdrEncoder e = new XdrEncoder();
        TypedParam.encodeList(e, params, 16);
        assertEquals(h("00000007"
            + "00000001 69000000 00000001 ffffffff"
            + "00000001 75000000 00000002 ffffffff"
            + "00000001 6c000000 00000003 fffffffffffffffe"
            + "00000008 6370755f74696d65 00000004 0000000000000003"
            + "00000001 64000000 00000005 3fe0000000000000"
            + "00000001 62000000 00000006 00000001"
            + "00000001 73000000 00000007 00000001 78000000"), hex(e.toByteArray()));
        XdrDecoder d = new XdrDecoder(e.toByteArray());
        assertEquals(params, TypedParam.decodeList(d, 16));
        d.requireEnd();
        assertThrows(XdrException.class, () -> TypedParam.decodeList(new XdrDecoder(e.toByteArray()), 6));
    }

    @Test
    void typedParamRejectsUnknownTypesAndLongNames() {
        byte[] bad = HexFormat.of().parseHex(h("00000001 69000000 00000008 00000000"));
        assertThrows(XdrException.class, () -> TypedParam.decode(new XdrDecoder(bad)));
        assertThrows(XdrException.class, () -> TypedParam.ofInt("x".repeat(80), 1).toXdr());
        TypedParam.ofInt("x".repeat(79), 1).toXdr();
        XdrEncoder e = new XdrEncoder();
        e.writeString("x".repeat(80), 100).writeInt(1).writeInt(1);
        assertThrows(XdrException.class, () -> TypedParam.decode(new XdrDecoder(e.toByteArray())));
    }

    @Test
    void nodeInfoModelIs128Bytes() {
        ConnectProcs.NodeGetInfoRet info = new ConnectProcs.NodeGetInfoRet("i686", 3145728, 16, 1400, 2, 2, 2, 2);
        byte[] b = info.toXdr();
        assertEquals(128 + 8 + 6 * 4, b.length);
        assertEquals(info, ConnectProcs.NodeGetInfoRet.decode(new XdrDecoder(b)));
        assertThrows(XdrException.class, () -> new ConnectProcs.NodeGetInfoRet("m".repeat(32), 0, 0, 0, 0, 0, 0, 0)
            .toXdr());
    }

    @Test
    void fdCountIsAFullUnsignedInt() {
        assertEquals(3, MessageCodec.readFdCount(new XdrDecoder(new byte[] {0, 0, 0, 3})));
        assertThrows(XdrException.class, () -> MessageCodec.readFdCount(new XdrDecoder(new byte[] {0, 0, 0, 33})));
        assertThrows(XdrException.class,
            () -> MessageCodec.readFdCount(new XdrDecoder(new byte[] {-1, -1, -1, -1})));
    }

    @Test
    void streamPacketsCarryRawBytesAndHoles() {
        Header call = Header.call(Procedure.STORAGE_VOL_DOWNLOAD, 4);
        byte[] data = {1, 2, 3};
        byte[] wire = MessageCodec.encodeRaw(call.stream(MessageType.STREAM, MessageStatus.CONTINUE), data, 0, 3);
        assertEquals(31, wire.length); // raw: no XDR length, no padding
        Packet p = new PacketReader().next(java.nio.ByteBuffer.wrap(wire));
        assertEquals(MessageType.STREAM, p.header().type());
        assertEquals(4, p.header().serial());
        assertArrayEquals(data, p.payload());
        byte[] hole = MessageCodec.encode(call.stream(MessageType.STREAM_HOLE, MessageStatus.CONTINUE),
            new StreamHole(1L << 33, 0));
        assertEquals(new StreamHole(1L << 33, 0), Payloads.decode(new PacketReader().next(java.nio.ByteBuffer.wrap(hole))));
    }

    @Test
    void oversizePayloadIsRefusedWhenEncoding() {
        byte[] big = new byte[Wire.PAYLOAD_MAX + 1];
        Header h = Header.call(Procedure.DOMAIN_DEFINE_XML, 1);
        assertThrows(XdrException.class, () -> MessageCodec.encodeRaw(h, big, 0, big.length));
        assertThrows(XdrException.class, () -> new Packet(h, big));
        // a 5 MiB string exceeds the string limit before the packet limit
        assertThrows(XdrException.class, () -> MessageCodec.encode(h, new OneString("x".repeat(5 << 20))));
    }
}
