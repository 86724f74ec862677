package io.vireo.remote.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vireo.remote.protocol.ConnectProcs;
import io.vireo.remote.protocol.Header;
import io.vireo.remote.protocol.MessageStatus;
import io.vireo.remote.protocol.MessageType;
import io.vireo.remote.protocol.Packet;
import io.vireo.remote.protocol.PacketReader;
import io.vireo.remote.protocol.Procedure;
import io.vireo.remote.protocol.ProcedureTable;
import io.vireo.remote.protocol.Program;
import io.vireo.remote.protocol.RemoteError;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random calls straight into the dispatcher: every procedure number, args that are mutated valid
 * encodings or plain noise. Every call must get exactly one well-formed reply echoing its header, and
 * nothing may escape as an exception.
 */
class DispatcherFuzzTest {
    static final long SEED = 0x5eed_1ab5L;
    static final int ITERATIONS = 10_000;

    @TempDir
    Path dir;

    @Test
    void everyCallGetsOneWellFormedReply() {
        Random rnd = new Random(SEED);
        List<Procedure> calls = new ArrayList<>();
        for (var e : ProcedureTable.all().entrySet()) {
            if (e.getValue().kind() == ProcedureTable.Kind.CALL) {
                calls.add(e.getKey());
            }
        }
        try (TestStack stack = new TestStack(dir)) {
            Dispatcher d = new Dispatcher(HandlerTable.standard(stack.factory));
            Session s = null;
            int errors = 0;
            for (int i = 0; i < ITERATIONS; i++) {
                if (s == null || s.closeRequested()) {
                    s = new Session("fuzz", false, AuthMethod.NONE);
                    d.dispatch(s, Packet.of(Header.call(Procedure.CONNECT_OPEN, 0),
                        new ConnectProcs.OpenArgs("test:///default", 0)));
                }
                int proc = rnd.nextInt(10) == 0 ? rnd.nextInt(600) - 50 : calls.get(rnd.nextInt(calls.size())).number();
                Header h = new Header(rnd.nextInt(50) == 0 ? rnd.nextInt() : Program.REMOTE, 1, proc, MessageType.CALL,
                    i, MessageStatus.OK);
                byte[] reply = d.dispatch(s, new Packet(h, payload(rnd)));
                Packet p = new PacketReader().next(ByteBuffer.wrap(reply));
                assertNotNull(p, "a whole packet");
                assertEquals(reply.length, p.payload().length + 28);
                assertEquals(h.reply(p.header().status()), p.header(), "the reply echoes the call");
                if (p.header().status() == MessageStatus.ERROR) {
                    RemoteError e = p.decodePayload(RemoteError::decode);
                    assertNotNull(e.message(), "every error says what went wrong");
                    errors++;
                }
            }
            assertEquals(true, errors > ITERATIONS / 2, "mostly rejected, as noise should be: " + errors);
        }
    }

    /** Zero-filled args (which decode for every struct) with a few bytes changed, or random bytes. */
    private static byte[] payload(Random rnd) {
        byte[] b = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(64) : 4 * rnd.nextInt(24)];
        if (rnd.nextBoolean()) {
            rnd.nextBytes(b);
        } else {
            for (int k = rnd.nextInt(4); k > 0 && b.length > 0; k--) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
        }
        return b;
    }
}
