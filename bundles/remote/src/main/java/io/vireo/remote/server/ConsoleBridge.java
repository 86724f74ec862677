package io.vireo.remote.server;

import io.vireo.api.ConsoleStream;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.remote.protocol.Header;
import io.vireo.remote.protocol.MessageCodec;
import io.vireo.remote.protocol.MessageStatus;
import io.vireo.remote.protocol.MessageType;
import io.vireo.remote.protocol.Packet;
import io.vireo.remote.protocol.RemoteError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * A console session ({@link ConsoleStream}) carried as libvirt's stream of the DOMAIN_OPEN_CONSOLE call
 * that opened it (fact sheet §7.1):
 *
 * <ul>
 * <li>guest output goes to the client as STREAM/CONTINUE data packets, read on a thread of its own (never
 *     the I/O thread); at most {@link #OUTBOUND_CAP} bytes of it wait unsent at any time, beyond that the
 *     thread stops reading the guest until the client has taken some;</li>
 * <li>the client's data packets are written to the guest by a second thread, in order; while more than
 *     {@link #INBOUND_CAP} bytes wait the connection stops reading from the client (libvirtd does the
 *     same);</li>
 * <li>the guest side closing (the guest stopped, or a forced session took the console over) is an empty
 *     STREAM/CONTINUE, the end of the stream; the stream stays known until the client finishes or aborts
 *     it, which virsh does on seeing the end;</li>
 * <li>the client's finish (STREAM/OK) writes what is still queued, closes the session and is confirmed with
 *     an empty STREAM/OK; its abort (STREAM/ERROR) closes at once and is confirmed the same way; an OK is
 *     never sent otherwise (a client drops the connection on an unasked one);</li>
 * <li>a failure reading or writing the guest is a STREAM/ERROR carrying the error, after which the stream
 *     is forgotten.</li>
 * </ul>
 */
final class ConsoleBridge implements ServerStream, StreamTransport.ReadHold {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleBridge.class);

    /** Guest output read at once, so the largest data packet; well under libvirt's 256 KiB legacy limit. */
    static final int CHUNK = 64 * 1024;
    /** Guest output sent to the connection but not yet on the socket, at most (then reading pauses). */
    static final long OUTBOUND_CAP = 1024 * 1024;
    /** Client data received but not yet written to the guest, at most (then the connection stops reading). */
    static final long INBOUND_CAP = 1024 * 1024;

    /** Queued after the data: the client finished the stream. */
    private static final Object FINISH = new Object();

    private final Header call;
    private final String name;
    private final ConsoleStream console;
    private final InputStream in;
    private final OutputStream out;
    private final Streams owner;
    private final StreamTransport transport;

    private final Object lock = new Object();
    private final ArrayDeque<Object> inbound = new ArrayDeque<>();
    private long inboundBytes;
    private long outboundBytes;
    private boolean holding;
    private boolean eofSent;
    /** Finished, aborted, failed or discarded: nothing more is written to the guest or sent but data. */
    private boolean done;
    private boolean consoleClosed;

    /**
     * @param call the header of the DOMAIN_OPEN_CONSOLE call (its procedure and serial name the stream)
     * @param name the domain's name, for logs and thread names
     */
    ConsoleBridge(Header call, String name, ConsoleStream console, Streams owner, StreamTransport transport) {
        this.call = call;
        this.name = name;
        this.console = console;
        this.in = console.input();
        this.out = console.output();
        this.owner = owner;
        this.transport = transport;
    }

    @Override
    public int procedure() {
        return call.procedure();
    }

    @Override
    public int serial() {
        return call.serial();
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (done) {
                return; // discarded before its reply went out (the client went away)
            }
        }
        String id = transport.peer() + " #" + Integer.toUnsignedLong(call.serial());
        thread(this::pumpGuestOutput, "vireo-console-out " + name + " " + id).start();
        thread(this::pumpClientInput, "vireo-console-in " + name + " " + id).start();
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public boolean holdsReading() {
        synchronized (lock) {
            return holding && !done;
        }
    }

    // From the client (I/O thread): queue, never block.

    @Override
    public void received(Packet p) {
        if (p.header().type() == MessageType.STREAM_HOLE) {
            fail(RemoteError.of(ErrorCode.RPC.value(), ErrorDomain.STREAMS.value(),
                "RPC error: Unexpected stream hole"));
            return;
        }
        if (p.header().status() != MessageStatus.CONTINUE) {
            LOG.debug("Console stream of {} for {}: the client {}", name, transport.peer(),
                p.header().status() == MessageStatus.OK ? "finishes" : "aborts");
        }
        switch (p.header().status()) {
            case CONTINUE -> queue(p.payload());
            case OK -> queue(FINISH);
            default -> abort();
        }
    }

    private void queue(Object item) {
        boolean hold = false;
        synchronized (lock) {
            if (done) {
                return;
            }
            if (item instanceof byte[] data) {
                if (data.length == 0) {
                    return; // the client's end of data: nothing to do for a console
                }
                inboundBytes += data.length;
                if (inboundBytes > INBOUND_CAP && !holding) {
                    holding = hold = true;
                }
            }
            inbound.addLast(item);
            lock.notifyAll();
        }
        if (hold) {
            transport.readHoldChanged(this);
        }
    }

    /** The client's abort: drop what waits, confirm, close the session (off this thread: it may block). */
    private void abort() {
        if (!end()) {
            return;
        }
        send(MessageStatus.OK, new byte[0]);
        thread(this::closeConsole, "vireo-console-close " + name).start();
    }

    /**
     * Marks the stream done and forgets it, once: true for the caller that did it. What waits for the guest
     * is dropped and the connection may read again.
     */
    private boolean end() {
        boolean release;
        synchronized (lock) {
            if (done) {
                return false;
            }
            done = true;
            inbound.clear();
            inboundBytes = 0;
            release = holding;
            holding = false;
            lock.notifyAll();
        }
        owner.remove(this);
        if (release) {
            transport.readHoldChanged(this);
        }
        return true;
    }

    // Client data to the guest, on its own thread.

    private void pumpClientInput() {
        while (true) {
            Object item;
            boolean release = false;
            synchronized (lock) {
                while (inbound.isEmpty() && !done) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (done) {
                    return;
                }
                item = inbound.pollFirst();
                if (item instanceof byte[] data) {
                    inboundBytes -= data.length;
                    if (holding && inboundBytes <= INBOUND_CAP / 2) {
                        holding = false;
                        release = true;
                    }
                }
            }
            if (release) {
                transport.readHoldChanged(this);
            }
            if (item == FINISH) {
                finish();
                return;
            }
            byte[] data = (byte[]) item;
            try {
                out.write(data);
                out.flush();
            } catch (IOException | RuntimeException e) {
                synchronized (lock) {
                    if (done || eofSent) {
                        // Closed by us, or the guest side already ended and the client knows: nothing to add.
                        continue;
                    }
                }
                fail(ioError("cannot write to the console of domain '" + name + "'", e));
                return;
            }
        }
    }

    /** Everything the client sent before finishing is written: close, then confirm. */
    private void finish() {
        if (!end()) {
            return;
        }
        closeConsole();
        send(MessageStatus.OK, new byte[0]);
    }

    // Guest output to the client, on its own thread.

    private void pumpGuestOutput() {
        byte[] buf = new byte[CHUNK];
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (IOException | RuntimeException e) {
                synchronized (lock) {
                    if (done) {
                        return; // we closed it
                    }
                }
                fail(ioError("cannot read from the console of domain '" + name + "'", e));
                return;
            }
            if (n < 0) {
                synchronized (lock) {
                    if (done) {
                        return;
                    }
                    eofSent = true;
                }
                // The end of the stream: an empty CONTINUE, never an OK (only a confirmation may be one).
                send(MessageStatus.CONTINUE, new byte[0]);
                return;
            }
            if (n == 0) {
                continue;
            }
            byte[] packet = MessageCodec.encodeRaw(call.stream(MessageType.STREAM, MessageStatus.CONTINUE), buf, 0, n);
            synchronized (lock) {
                while (outboundBytes > OUTBOUND_CAP && !done) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (done) {
                    return;
                }
                outboundBytes += packet.length;
            }
            transport.send(packet, () -> written(packet.length));
        }
    }

    private void written(int bytes) {
        synchronized (lock) {
            outboundBytes -= bytes;
            lock.notifyAll();
        }
    }

    /** Bytes from the client not yet written to the guest (tests watch the cap). */
    long inboundBytes() {
        synchronized (lock) {
            return inboundBytes;
        }
    }

    /** Bytes of guest output queued for the client and not yet written (tests watch the cap). */
    long outboundBytes() {
        synchronized (lock) {
            return outboundBytes;
        }
    }

    // Endings

    /** A failure on the guest side: the client gets it as a STREAM/ERROR, and the stream is forgotten. */
    private void fail(RemoteError error) {
        if (!end()) {
            return;
        }
        LOG.debug("Console stream of {} for {} failed: {}", name, transport.peer(), error.message());
        transport.send(MessageCodec.encode(call.stream(MessageType.STREAM, MessageStatus.ERROR), error), () -> { });
        thread(this::closeConsole, "vireo-console-close " + name).start();
    }

    /** Called on the I/O thread when the connection goes: the session is closed off it, as it may block. */
    @Override
    public void discard() {
        end();
        thread(this::closeConsole, "vireo-console-close " + name).start();
    }

    private void closeConsole() {
        synchronized (lock) {
            if (consoleClosed) {
                return;
            }
            consoleClosed = true;
        }
        try {
            console.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing the console of {}", name, e);
        }
    }

    private void send(MessageStatus status, byte[] payload) {
        transport.send(MessageCodec.encodeRaw(call.stream(MessageType.STREAM, status), payload, 0, payload.length),
            () -> { });
    }

    private static RemoteError ioError(String what, Exception e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return RemoteError.of(ErrorCode.SYSTEM_ERROR.value(), ErrorDomain.STREAMS.value(), what + ": " + detail);
    }
}
