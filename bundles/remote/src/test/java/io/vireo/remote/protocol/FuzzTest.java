package io.vireo.remote.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrException;
import io.vireo.remote.xdr.XdrStruct;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing of the captured and synthesized packets: framing and every decoder must only
 * ever fail with {@link XdrException} (never another exception, a hang or an allocation beyond the
 * input), and whatever does decode must re-encode and decode to the same value.
 */
class FuzzTest {

    private static final long SEED = 0x5eed_c0deL;
    private static final int ITERATIONS = 200_000;
    private static final int[] INTERESTING = {
        0, 1, 2, 3, 4, 7, 8, 16, 27, 28, 255, 256, 0xffff, 0x10000, 16384, 16385, 65536, 65537,
        4194304, 4194305, Wire.MAX_PACKET, Wire.MAX_PACKET + 1, 0x00ffffff, 0x7fffffff, 0x80000000, 0xfffffffe,
        -1, Program.REMOTE, Program.KEEPALIVE,
    };

    private final Map<Class<?>, XdrDecoder.Reader<XdrStruct>> decoders = new HashMap<>();
    private final List<XdrDecoder.Reader<? extends XdrStruct>> readers = new ArrayList<>();

    private XdrDecoder.Reader<XdrStruct> decoderOf(Class<? extends XdrStruct> c) {
        return decoders.computeIfAbsent(c, k -> StructSamples.decoder(c));
    }

    /** The traces, plus one packet per struct that some procedure carries, plus the non-procedure payloads. */
    private List<byte[]> corpus() {
        List<byte[]> out = new ArrayList<>(Traces.allPackets());
        List<byte[]> encodings = new ArrayList<>();
        for (Class<? extends XdrStruct> c : StructSamples.structClasses()) {
            encodings.add(new StructSamples().sample(c).toXdr());
        }
        int serial = 100;
        for (ProcedureTable.Signature sig : ProcedureTable.all().values()) {
            for (byte[] b : encodings) {
                if (fits(sig.args(), b)) {
                    Header h = sig.kind() == ProcedureTable.Kind.CALL ? Header.call(sig.procedure(), serial++)
                        : Header.event(sig.procedure());
                    out.add(new Packet(h, b).encode());
                    break;
                }
            }
            if (sig.ret() != null) {
                for (byte[] b : encodings) {
                    if (fits(sig.ret(), b)) {
                        out.add(new Packet(Header.call(sig.procedure(), serial++).reply(MessageStatus.OK), b).encode());
                        break;
                    }
                }
            }
        }
        Header call = Header.call(Procedure.DOMAIN_GET_INFO, 3);
        out.add(MessageCodec.error(call, RemoteError.of(42, 12, "Domain not found: no domain with matching name 'x'")));
        out.add(MessageCodec.ping());
        out.add(MessageCodec.encode(call.stream(MessageType.STREAM_HOLE, MessageStatus.CONTINUE), new StreamHole(4096, 0)));
        out.add(MessageCodec.encodeRaw(call.stream(MessageType.STREAM, MessageStatus.CONTINUE), new byte[9], 0, 9));
        return out;
    }

    private static boolean fits(XdrDecoder.Reader<? extends XdrStruct> r, byte[] b) {
        try {
            XdrDecoder d = new XdrDecoder(b);
            XdrStruct s = r.read(d);
            d.requireEnd();
            return Arrays.equals(b, s.toXdr());
        } catch (XdrException ex) {
            return false;
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void mutatedPacketsOnlyEverFailWithXdrException() {
        List<byte[]> corpus = corpus();
        assertTrue(corpus.size() > 250, "corpus " + corpus.size());
        for (ProcedureTable.Signature sig : ProcedureTable.all().values()) {
            readers.add(sig.args());
            if (sig.ret() != null) {
                readers.add(sig.ret());
            }
        }
        for (Class<? extends XdrStruct> c : StructSamples.structClasses()) {
            readers.add(decoderOf(c));
        }
        Random rnd = new Random(SEED);
        int decodedPackets = 0;
        int framingFailures = 0;
        long start = System.nanoTime();
        // a soft stop keeps an overloaded build machine from failing the build; the sequence stays seeded
        long softDeadline = start + TimeUnit.SECONDS.toNanos(45);
        int i = 0;
        for (; i < ITERATIONS && System.nanoTime() < softDeadline; i++) {
            byte[] input = mutate(corpus.get(rnd.nextInt(corpus.size())), rnd);
            if (rnd.nextInt(8) == 0) {
                // two packets back to back: exercises what is left over after one packet
                byte[] other = mutate(corpus.get(rnd.nextInt(corpus.size())), rnd);
                byte[] both = Arrays.copyOf(input, input.length + other.length);
                System.arraycopy(other, 0, both, input.length, other.length);
                input = both;
            }
            try {
                decodedPackets += exercise(input, rnd);
            } catch (FramingException expected) {
                framingFailures++;
            } catch (XdrException expected) {
                // malformed payload: the server answers with an error reply
            } catch (Throwable t) {
                fail("iteration " + i + " of seed " + Long.toHexString(SEED) + " failed on "
                    + HexFormat.of().formatHex(input), t);
            }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("fuzz: %d iterations, %d packets decoded, %d framing failures, %d ms%n", i,
            decodedPackets, framingFailures, ms);
        // both outcomes must be common, or the mutations are not reaching the decoders
        assertTrue(decodedPackets > i / 20, "decoded " + decodedPackets);
        assertTrue(framingFailures > i / 20, "framing failures " + framingFailures);
    }

    private int exercise(byte[] input, Random rnd) {
        // framing, with the bytes arriving in random pieces
        PacketReader reader = new PacketReader();
        List<Packet> packets = new ArrayList<>();
        int off = 0;
        while (off < input.length) {
            int n = Math.min(input.length - off, 1 + rnd.nextInt(64));
            ByteBuffer chunk = ByteBuffer.wrap(input, off, n);
            Packet p;
            while ((p = reader.next(chunk)) != null) {
                packets.add(p);
            }
            off += n;
        }
        int decoded = 0;
        for (Packet p : packets) {
            // decoders fed data meant for another procedure
            for (int k = 0; k < 2; k++) {
                tryReader(readers.get(rnd.nextInt(readers.size())), p.payload());
            }
            XdrStruct s = Payloads.decode(p);
            if (s != null) {
                decoded++;
                assertStable(s);
            }
        }
        return decoded;
    }

    private void tryReader(XdrDecoder.Reader<? extends XdrStruct> r, byte[] payload) {
        XdrStruct s;
        try {
            s = r.read(new XdrDecoder(payload));
        } catch (XdrException expected) {
            return;
        }
        assertStable(s);
    }

    /** What decoded must encode again, and decode to the same value. */
    private void assertStable(XdrStruct s) {
        byte[] again;
        try {
            again = s.toXdr();
        } catch (XdrException ex) {
            throw new AssertionError("decoded value does not encode: " + s, ex);
        }
        XdrDecoder d = new XdrDecoder(again);
        assertEquals(s, decoderOf(s.getClass()).read(d));
        d.requireEnd();
    }

    static byte[] mutate(byte[] base, Random rnd) {
        byte[] b = base.clone();
        int rounds = 1 + rnd.nextInt(3);
        // half the time leave the header alone, so that the payload decoders see most of the damage
        boolean payloadOnly = b.length > Wire.MIN_PACKET && rnd.nextBoolean();
        for (int r = 0; r < rounds; r++) {
            if (payloadOnly) {
                byte[] tail = mutateOnce(Arrays.copyOfRange(b, Wire.MIN_PACKET, b.length), rnd);
                b = Arrays.copyOf(b, Wire.MIN_PACKET + tail.length);
                System.arraycopy(tail, 0, b, Wire.MIN_PACKET, tail.length);
            } else {
                b = mutateOnce(b, rnd);
            }
        }
        if (b.length >= 4 && rnd.nextInt(4) != 0) {
            // usually keep the length word right, so mutations reach the payload decoders
            ByteBuffer.wrap(b).putInt(0, b.length);
        }
        return b;
    }

    private static byte[] mutateOnce(byte[] b, Random rnd) {
        if (b.length == 0) {
            return new byte[] {(byte) rnd.nextInt()};
        }
        int words = b.length / 4;
        switch (rnd.nextInt(8)) {
            case 0 -> {
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                    int bit = rnd.nextInt(b.length * 8);
                    b[bit / 8] ^= (byte) (1 << (bit % 8));
                }
            }
            case 1 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt();
            case 2 -> {
                if (words > 0) {
                    ByteBuffer.wrap(b).putInt(4 * rnd.nextInt(words), INTERESTING[rnd.nextInt(INTERESTING.length)]);
                }
            }
            case 3 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
            case 4 -> {
                int n = 1 + rnd.nextInt(16);
                int old = b.length;
                b = Arrays.copyOf(b, old + n);
                for (int k = old; k < b.length; k++) {
                    b[k] = (byte) rnd.nextInt();
                }
            }
            case 5 -> {
                int at = 4 * rnd.nextInt(words + 1);
                byte[] out = new byte[b.length + 4];
                System.arraycopy(b, 0, out, 0, at);
                ByteBuffer.wrap(out).putInt(at, INTERESTING[rnd.nextInt(INTERESTING.length)]);
                System.arraycopy(b, at, out, at + 4, b.length - at);
                b = out;
            }
            case 6 -> {
                if (words > 0) {
                    int at = 4 * rnd.nextInt(words);
                    byte[] out = new byte[b.length - 4];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + 4, out, at, b.length - at - 4);
                    b = out;
                }
            }
            default -> {
                int from = rnd.nextInt(b.length);
                int len = 1 + rnd.nextInt(Math.min(32, b.length - from));
                int at = rnd.nextInt(b.length);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, from, out, at, len);
                System.arraycopy(b, at, out, at + len, b.length - at);
                b = out;
            }
        }
        return b;
    }
}
