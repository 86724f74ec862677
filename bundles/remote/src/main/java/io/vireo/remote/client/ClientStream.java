package io.vireo.remote.client;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.remote.protocol.Header;
import io.vireo.remote.protocol.MessageCodec;
import io.vireo.remote.protocol.MessageStatus;
import io.vireo.remote.protocol.MessageType;
import io.vireo.remote.protocol.Packet;
import io.vireo.remote.protocol.Procedure;
import io.vireo.remote.protocol.RemoteError;
import io.vireo.remote.protocol.Wire;
import io.vireo.remote.xdr.XdrException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client's end of a libvirt stream (fact sheet §7.1), opened by a call such as DOMAIN_OPEN_CONSOLE:
 * its packets carry that call's procedure and serial. Data from the server is queued here by the
 * connection's reader thread; while more than {@link #INBOUND_CAP} bytes wait unread, that thread waits
 * (so a reader that falls behind slows the server down instead of filling memory). An empty data packet
 * is the end of the stream; an error packet fails every later read and write.
 *
 * <p>{@link #read} by one thread and {@link #write} by another may run at once.
 */
public final class ClientStream {
    /** Bytes from the server queued here unread, at most (then the connection's reader waits). */
    static final long INBOUND_CAP = 4L * 1024 * 1024;
    /** How long finish and abort wait for the server's confirmation. */
    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final RpcClient rpc;
    private final Header header;
    private final Object lock = new Object();
    private final ArrayDeque<byte[]> incoming = new ArrayDeque<>();
    private byte[] current;
    private int currentOffset;
    private long incomingBytes;
    private boolean eof;
    private VirtException error;
    /** Finish or abort sent (or the stream given up): nothing more is written. */
    private boolean ending;
    private CompletableFuture<Packet> confirmation;

    ClientStream(RpcClient rpc, Procedure proc, int serial) {
        this.rpc = rpc;
        this.header = Header.call(proc, serial);
    }

    int serial() {
        return header.serial();
    }

    int procedure() {
        return header.procedure();
    }

    // From the connection's reader thread

    void received(Packet p) {
        MessageStatus status = p.header().status();
        if (p.header().type() != MessageType.STREAM) {
            fail(VirtException.of(ErrorCode.RPC, ErrorDomain.RPC, "unexpected stream hole"));
            return;
        }
        switch (status) {
            case CONTINUE -> data(p.payload());
            case OK -> {
                CompletableFuture<Packet> c;
                synchronized (lock) {
                    c = confirmation;
                }
                if (c != null) {
                    c.complete(p);
                }
                // An OK nobody asked for would be the server's mistake; libvirt's client drops the
                // connection for it, we just ignore it.
            }
            default -> {
                VirtException e;
                try {
                    e = RpcClient.toException(p.decodePayload(RemoteError::decode));
                } catch (XdrException x) {
                    e = VirtException.of(ErrorCode.RPC, ErrorDomain.RPC, "undecodable stream error: %s",
                        x.getMessage());
                }
                CompletableFuture<Packet> c;
                synchronized (lock) {
                    c = confirmation;
                }
                fail(e);
                if (c != null) {
                    c.complete(p);
                }
            }
        }
    }

    private void data(byte[] payload) {
        synchronized (lock) {
            if (payload.length == 0) {
                eof = true;
                lock.notifyAll();
                return;
            }
            while (incomingBytes > INBOUND_CAP && !ending && error == null) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (ending || error != null) {
                return;
            }
            incoming.addLast(payload);
            incomingBytes += payload.length;
            lock.notifyAll();
        }
    }

    /** The stream failed (an error packet, or the connection broke): every later read and write fails. */
    void fail(VirtException why) {
        CompletableFuture<Packet> c;
        synchronized (lock) {
            if (error == null) {
                error = why;
            }
            c = confirmation;
            lock.notifyAll();
        }
        if (c != null) {
            c.completeExceptionally(why);
        }
    }

    // From the user

    /**
     * Reads what the server sent: blocks until there is some, returns -1 at the end of the stream (or once
     * this side has finished it), throws the server's error if the stream failed.
     */
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        synchronized (lock) {
            while (true) {
                if (current == null && !incoming.isEmpty()) {
                    current = incoming.pollFirst();
                    currentOffset = 0;
                }
                if (current != null) {
                    int n = Math.min(len, current.length - currentOffset);
                    System.arraycopy(current, currentOffset, b, off, n);
                    currentOffset += n;
                    if (currentOffset == current.length) {
                        incomingBytes -= current.length;
                        current = null;
                        lock.notifyAll();
                    }
                    return n;
                }
                if (eof || ending) {
                    return -1;
                }
                if (error != null) {
                    throw new IOException(error.getMessage(), error);
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted reading the stream");
                }
            }
        }
    }

    /** Sends data to the server, in packets no larger than libvirt's legacy limit. */
    public void write(byte[] b, int off, int len) throws IOException {
        synchronized (lock) {
            if (error != null) {
                throw new IOException(error.getMessage(), error);
            }
            if (ending) {
                throw new IOException("stream is closed");
            }
        }
        int done = 0;
        while (done < len) {
            int n = Math.min(len - done, Wire.LEGACY_PAYLOAD_MAX);
            try {
                rpc.write(MessageCodec.encodeRaw(header.stream(MessageType.STREAM, MessageStatus.CONTINUE), b,
                    off + done, n));
            } catch (VirtException e) {
                throw new IOException(e.getMessage(), e);
            }
            done += n;
        }
    }

    /** Tells the server this side is done (STREAM/OK) and waits for its confirmation. */
    public void finish() {
        end(MessageStatus.OK);
    }

    /** Tells the server to drop the stream (STREAM/ERROR, empty) and waits for its confirmation. */
    public void abort() {
        end(MessageStatus.ERROR);
    }

    /**
     * Finishes the stream unless it already failed (the server has forgotten it then), and forgets it.
     * Closing again does nothing.
     */
    public void close() {
        boolean failed;
        synchronized (lock) {
            if (ending) {
                return;
            }
            failed = error != null;
        }
        try {
            if (!failed && rpc.isOpen()) {
                finish();
            }
        } catch (VirtException ignored) {
            // closing anyway
        } finally {
            synchronized (lock) {
                ending = true;
                lock.notifyAll();
            }
            rpc.forget(this);
        }
    }

    private void end(MessageStatus status) {
        CompletableFuture<Packet> c = new CompletableFuture<>();
        synchronized (lock) {
            if (ending) {
                throw VirtException.of(ErrorCode.RPC, ErrorDomain.STREAMS, "stream is already finished");
            }
            if (error != null) {
                VirtException e = error;
                ending = true;
                lock.notifyAll();
                throw new VirtException(e.code(), e.domain(), e.getMessage());
            }
            ending = true;
            confirmation = c;
            lock.notifyAll();
        }
        try {
            rpc.write(MessageCodec.encodeRaw(header.stream(MessageType.STREAM, status), new byte[0], 0, 0));
            Packet p = c.get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (p.header().status() == MessageStatus.ERROR) {
                VirtException e;
                synchronized (lock) {
                    e = error;
                }
                throw e != null ? new VirtException(e.code(), e.domain(), e.getMessage())
                    : VirtException.of(ErrorCode.RPC, ErrorDomain.STREAMS, "stream failed");
            }
        } catch (TimeoutException e) {
            throw VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.STREAMS,
                "no confirmation of the stream's end from %s within %d s", rpc.peer(), CONFIRM_TIMEOUT.toSeconds());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VirtException v) {
                throw new VirtException(v.code(), v.domain(), v.getMessage());
            }
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.STREAMS, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorCode.OPERATION_ABORTED, ErrorDomain.STREAMS, "interrupted");
        } finally {
            rpc.forget(this);
        }
    }
}
