package io.vireo.remote.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PacketReaderTest {

    private static final String PING = "0000001c 6b656570 00000001 00000001 00000002 00000000 00000000";

    private static ByteBuffer hex(String s) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(s.replace(" ", "")));
    }

    private static ByteBuffer lengthOnly(long length) {
        return ByteBuffer.allocate(4).putInt((int) length).flip();
    }

    @Test
    void headerOnlyPacket() {
        Packet p = new PacketReader().next(hex(PING));
        assertNotNull(p);
        assertEquals(Header.keepalive(Program.KEEPALIVE_PING), p.header());
        assertEquals(0, p.payload().length);
    }

    @Test
    void lengthsBelowTheHeaderCloseTheConnection() {
        for (long len : new long[] {0, 1, 4, 24, 27}) {
            PacketReader r = new PacketReader();
            assertThrows(FramingException.class, () -> r.next(lengthOnly(len)), "length " + len);
            // and the reader stays failed
            assertThrows(FramingException.class, () -> r.next(hex(PING)));
            assertFalse(r.isIdle());
        }
    }

    @Test
    void lengthsAboveTheMaximumCloseTheConnection() {
        for (long len : new long[] {Wire.MAX_PACKET + 1L, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL}) {
            assertThrows(FramingException.class, () -> new PacketReader().next(lengthOnly(len)), "length " + len);
        }
        // the check happens as soon as the 4 length bytes are in, before any header byte
        PacketReader small = new PacketReader(1024);
        assertThrows(FramingException.class, () -> small.next(lengthOnly(1025)));
        assertNull(new PacketReader(1024).next(lengthOnly(1024)));
        assertNull(new PacketReader().next(lengthOnly(Wire.MAX_PACKET)));
        assertThrows(IllegalArgumentException.class, () -> new PacketReader(Wire.MAX_PACKET + 1));
        assertThrows(IllegalArgumentException.class, () -> new PacketReader(27));
    }

    @Test
    void limitsFollowLibvirt() {
        assertEquals(33554432, Wire.MESSAGE_MAX);
        assertEquals(33554436, Wire.MAX_PACKET);
        assertEquals(33554408, Wire.PAYLOAD_MAX);
        assertEquals(262120, Wire.LEGACY_PAYLOAD_MAX);
        assertEquals(4194304, Wire.STRING_MAX);
    }

    @Test
    void undecodableHeaderClosesTheConnection() {
        // type 7 does not exist
        PacketReader r = new PacketReader();
        assertThrows(FramingException.class,
            () -> r.next(hex("0000001c 20008086 00000001 00000001 00000007 00000000 00000000")));
        // status 3 does not exist
        assertThrows(FramingException.class,
            () -> new PacketReader().next(hex("0000001c 20008086 00000001 00000001 00000000 00000000 00000003")));
    }

    @Test
    void announcingAHugePacketDoesNotAllocateIt() {
        PacketReader r = new PacketReader();
        ByteBuffer b = ByteBuffer.allocate(128);
        b.putInt(Wire.MAX_PACKET).putInt(Program.REMOTE).putInt(1).putInt(1).putInt(0).putInt(0).putInt(0);
        b.put(new byte[100]).flip();
        assertNull(r.next(b));
        assertTrue(r.payloadCapacity() <= 64 * 1024, "capacity " + r.payloadCapacity());
        assertFalse(r.isIdle());
    }

    @Test
    void largePacketArrivingInPiecesGrowsToExactlyItsSize() {
        byte[] payload = new byte[3 * 1024 * 1024 + 12];
        new Random(1).nextBytes(payload);
        byte[] wire = new Packet(Header.call(Procedure.DOMAIN_DEFINE_XML, 9), payload).encode();
        PacketReader r = new PacketReader();
        Random rnd = new Random(2);
        Packet got = null;
        int off = 0;
        while (off < wire.length) {
            int n = Math.min(wire.length - off, 1 + rnd.nextInt(100_000));
            ByteBuffer chunk = ByteBuffer.wrap(wire, off, n);
            Packet p = r.next(chunk);
            assertFalse(chunk.hasRemaining());
            if (p != null) {
                got = p;
            }
            off += n;
        }
        assertNotNull(got);
        assertArrayEquals(payload, got.payload());
        assertTrue(r.isIdle());
    }

    @Test
    void severalPacketsInOneBufferComeOutOneByOne() {
        ByteBuffer b = hex(PING + PING.replace("00000001 00000002", "00000002 00000002") + "0000001c 6b65");
        PacketReader r = new PacketReader();
        assertEquals(Program.KEEPALIVE_PING, r.next(b).header().procedure());
        assertEquals(b.position(), 28);
        assertEquals(Program.KEEPALIVE_PONG, r.next(b).header().procedure());
        assertNull(r.next(b));
        assertFalse(r.isIdle());
        assertEquals(Program.KEEPALIVE_PING, r.next(hex("6570 00000001 00000001 00000002 00000000 00000000"))
            .header().procedure());
        assertTrue(r.isIdle());
    }

    @Test
    void readsFromANonBlockingChannel() throws IOException {
        Pipe pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        PacketReader r = new PacketReader();
        List<Packet> got = new ArrayList<>();
        assertEquals(0, r.read(pipe.source(), got::add));
        byte[] two = HexFormat.of().parseHex((PING + PING).replace(" ", ""));
        pipe.sink().write(ByteBuffer.wrap(two, 0, 30));
        assertEquals(30, r.read(pipe.source(), got::add));
        assertEquals(1, got.size());
        assertFalse(r.isIdle());
        pipe.sink().write(ByteBuffer.wrap(two, 30, 26));
        r.read(pipe.source(), got::add);
        assertEquals(2, got.size());
        assertTrue(r.isIdle());
        pipe.sink().close();
        assertEquals(-1, r.read(pipe.source(), got::add));
        pipe.source().close();
    }

    @Test
    void streamEndingMidPacketIsNotIdle() throws IOException {
        Pipe pipe = Pipe.open();
        PacketReader r = new PacketReader();
        pipe.sink().write(hex("0000001c 2000"));
        pipe.sink().close();
        List<Packet> got = new ArrayList<>();
        assertEquals(6, r.read(pipe.source(), got::add));
        assertEquals(-1, r.read(pipe.source(), got::add));
        assertTrue(got.isEmpty());
        assertFalse(r.isIdle());
    }
}
