package io.vireo.remote.client;

import io.vireo.api.ConnectUri;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.remote.protocol.CommonProcs;
import io.vireo.remote.protocol.CommonProcs.Empty;
import io.vireo.remote.protocol.CommonProcs.OneInt;
import io.vireo.remote.protocol.ConnectProcs;
import io.vireo.remote.protocol.DomainProcs;
import io.vireo.remote.protocol.FramingException;
import io.vireo.remote.protocol.Header;
import io.vireo.remote.protocol.MessageCodec;
import io.vireo.remote.protocol.MessageStatus;
import io.vireo.remote.protocol.MessageType;
import io.vireo.remote.protocol.NonnullDomain;
import io.vireo.remote.protocol.Packet;
import io.vireo.remote.protocol.PacketReader;
import io.vireo.remote.protocol.Procedure;
import io.vireo.remote.protocol.ProcedureTable;
import io.vireo.remote.protocol.Program;
import io.vireo.remote.protocol.RemoteError;
import io.vireo.remote.xdr.XdrException;
import io.vireo.remote.xdr.XdrStruct;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A blocking libvirt RPC client over TCP or a Unix socket. Any number of threads may call at once:
 * each call gets its own serial and waits for the reply with that serial, so replies may come in any
 * order. One reader thread per connection reads every packet, answers the server's keepalive PINGs at
 * once, hands event MESSAGEs to an optional listener and STREAM packets to the {@link ClientStream}
 * they belong to.
 *
 * <p>Failures keep libvirt's shapes: an error REPLY becomes a {@link VirtException} with the server's
 * code, domain and message; transport failures are SYSTEM_ERROR in domain RPC with libvirt's wording.
 */
public final class RpcClient implements AutoCloseable {
    /** libvirtd's plain TCP port. */
    public static final int DEFAULT_TCP_PORT = 16509;
    /** How long a call waits for its reply unless the URI says otherwise ({@code ?timeout=seconds}). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final SocketChannel channel;
    private final String peer;
    private final Duration timeout;
    private final Object writeLock = new Object();
    private final AtomicInteger serials = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Packet>> pending = new ConcurrentHashMap<>();
    private final Map<Integer, ClientStream> streams = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile Consumer<Packet> eventListener;
    private volatile VirtException closedBecause;
    private volatile boolean closed;

    private RpcClient(SocketChannel channel, String peer, Duration timeout) {
        this.channel = channel;
        this.peer = peer;
        this.timeout = timeout;
        this.reader = new Thread(this::readLoop, "vireo-rpc-client " + peer);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Connects to the daemon {@code uri} names (tcp or unix transport), without any handshake. */
    public static RpcClient connect(ConnectUri uri) {
        Duration timeout = DEFAULT_TIMEOUT;
        String t = uri.params().get("timeout");
        if (t != null && !t.isBlank()) {
            try {
                timeout = Duration.ofMillis((long) (Double.parseDouble(t) * 1000));
            } catch (NumberFormatException e) {
                throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.REMOTE, "bad timeout '%s'", t);
            }
        }
        String transport = transport(uri);
        switch (transport) {
            case "tcp": {
                String host = uri.host() == null || uri.host().isEmpty() ? "localhost" : uri.host();
                int port = uri.port() > 0 ? uri.port() : DEFAULT_TCP_PORT;
                return tcp(host, port, timeout);
            }
            case "unix":
                return unix(socketPath(uri), timeout);
            default:
                throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.REMOTE,
                    "transport '%s' is not supported by Vireo's remote client (use tcp or unix)", transport);
        }
    }

    /** The transport of {@code uri}: its explicit one, else libvirt's default (tls with a host, unix without). */
    static String transport(ConnectUri uri) {
        if (uri.transport() != null) {
            return uri.transport();
        }
        return uri.host() == null || uri.host().isEmpty() ? "unix" : "tls";
    }

    /** {@code ?socket=}, else the daemon's socket as libvirt's client picks it (§5.4). */
    static Path socketPath(ConnectUri uri) {
        String socket = uri.params().get("socket");
        if (socket != null && !socket.isEmpty()) {
            return Path.of(socket);
        }
        Path modular = Path.of("/run/libvirt/virt" + uri.driver() + "d-sock");
        return Files.exists(modular) ? modular : Path.of("/run/libvirt/libvirt-sock");
    }

    public static RpcClient tcp(String host, int port, Duration timeout) {
        String peer = host + ":" + port;
        SocketChannel ch = null;
        try {
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                    "Cannot resolve address '%s' service '%d': Name or service not known", host, port);
            }
            ch = SocketChannel.open();
            ch.socket().connect(address, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            ch.socket().setTcpNoDelay(true);
            return new RpcClient(ch, peer, timeout);
        } catch (IOException e) {
            closeQuietly(ch);
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC, "unable to connect to server at '%s': %s",
                peer, reason(e));
        }
    }

    public static RpcClient unix(Path socket, Duration timeout) {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            SocketAddress address = UnixDomainSocketAddress.of(socket);
            ch.connect(address);
            return new RpcClient(ch, socket.toString(), timeout);
        } catch (IOException e) {
            closeQuietly(ch);
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC, "Failed to connect socket to '%s': %s",
                socket, reason(e));
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Where this client is connected: {@code host:port} or the socket's path. */
    public String peer() {
        return peer;
    }

    public boolean isOpen() {
        return !closed && closedBecause == null;
    }

    /** Receives every REMOTE MESSAGE (event) packet, on the reader thread; it must return quickly. */
    public void onEvent(Consumer<Packet> listener) {
        this.eventListener = listener;
    }

    /**
     * libvirt's handshake (doRemoteOpen): AUTH_LIST (only "none" is supported), the keepalive probe,
     * CONNECT_OPEN with {@code name} (the URI without transport and host), then the event and close
     * callback probes the way virsh makes them.
     */
    public void handshake(String name, boolean readOnly) {
        ConnectProcs.AuthListRet auth;
        try {
            auth = call(Procedure.AUTH_LIST, Empty.INSTANCE, ConnectProcs.AuthListRet.class);
        } catch (VirtException e) {
            if (e.code() != ErrorCode.NO_SUPPORT) {
                throw e;
            }
            auth = new ConnectProcs.AuthListRet(java.util.List.of());
        }
        if (!auth.types().isEmpty() && auth.types().get(0) != ConnectProcs.AUTH_NONE) {
            int type = auth.types().get(0);
            String name0 = type == ConnectProcs.AUTH_SASL ? "sasl" : type == ConnectProcs.AUTH_POLKIT ? "polkit"
                : "type " + type;
            throw VirtException.of(ErrorCode.AUTH_FAILED, ErrorDomain.AUTH,
                "authentication method %s is not supported by Vireo's remote client", name0);
        }
        // We always answer PINGs, so we may as well say so: the server then pings us when idle.
        supportsFeature(ConnectProcs.FEATURE_PROGRAM_KEEPALIVE);
        call(Procedure.CONNECT_OPEN, new ConnectProcs.OpenArgs(name, readOnly ? ConnectProcs.OPEN_READ_ONLY : 0),
            Empty.class);
        supportsFeature(ConnectProcs.FEATURE_REMOTE_EVENT_CALLBACK);
        supportsFeature(ConnectProcs.FEATURE_REMOTE_CLOSE_CALLBACK);
    }

    /** CONNECT_SUPPORTS_FEATURE; a failing probe counts as "no", as in libvirt's client. */
    public boolean supportsFeature(int feature) {
        try {
            return call(Procedure.CONNECT_SUPPORTS_FEATURE, new OneInt(feature), OneInt.class).value() != 0;
        } catch (VirtException e) {
            if (!isOpen()) {
                throw e;
            }
            return false;
        }
    }

    /**
     * Calls {@code proc} with {@code args} and waits for its reply, decoded as the procedure's ret type.
     * An error reply is raised as the server's VirtException.
     */
    public <R extends XdrStruct> R call(Procedure proc, XdrStruct args, Class<R> retType) {
        return call(proc, args, retType, serials.incrementAndGet());
    }

    private <R extends XdrStruct> R call(Procedure proc, XdrStruct args, Class<R> retType, int serial) {
        ProcedureTable.Signature sig = ProcedureTable.signature(proc)
            .orElseThrow(() -> VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.REMOTE, "procedure " + proc));
        Packet reply = roundTrip(proc, args, serial);
        try {
            if (reply.header().status() == MessageStatus.ERROR) {
                throw toException(reply.decodePayload(RemoteError::decode));
            }
            if (reply.header().status() != MessageStatus.OK) {
                throw VirtException.of(ErrorCode.RPC, ErrorDomain.RPC, "unexpected reply status %s to %s",
                    reply.header().status(), proc);
            }
            return retType.cast(reply.decodePayload(sig.ret()));
        } catch (XdrException e) {
            throw VirtException.of(ErrorCode.RPC, ErrorDomain.RPC, "Unable to decode the reply to %s: %s", proc,
                e.getMessage());
        }
    }

    /**
     * Calls {@code proc}, which opens a stream (DOMAIN_OPEN_CONSOLE): the stream is known before the call
     * goes out, so data that follows the reply at once is not lost. An error reply is raised and leaves no
     * stream behind.
     */
    public ClientStream openStream(Procedure proc, XdrStruct args) {
        failIfClosed();
        int serial = serials.incrementAndGet();
        ClientStream stream = new ClientStream(this, proc, serial);
        streams.put(serial, stream);
        try {
            call(proc, args, Empty.class, serial);
            return stream;
        } catch (RuntimeException e) {
            streams.remove(serial, stream);
            throw e;
        }
    }

    /** The stream is over on this side: later packets for it are dropped. */
    void forget(ClientStream stream) {
        streams.remove(stream.serial(), stream);
    }

    static VirtException toException(RemoteError err) {
        String message = err.message() == null ? "Unknown error" : err.message();
        return new VirtException(ErrorCode.fromValue(err.code()), ErrorDomain.fromValue(err.domain()), message);
    }

    /**
     * DOMAIN_MONITOR_COMMAND of libvirt's QEMU program (what {@code virsh qemu-monitor-command} calls): the
     * monitor's answer to {@code command}, QMP JSON or, with flag 1, an HMP command line.
     */
    public String qemuMonitorCommand(NonnullDomain dom, String command, int flags) {
        int serial = serials.incrementAndGet();
        Header call = new Header(Program.QEMU, Program.VERSION, Program.QEMU_DOMAIN_MONITOR_COMMAND, MessageType.CALL, serial,
            MessageStatus.OK);
        Packet reply = roundTrip(call, "virDomainQemuMonitorCommand",
            new DomainProcs.DomainXmlFlagsArgs(dom, command, flags));
        try {
            if (reply.header().status() == MessageStatus.ERROR) {
                throw toException(reply.decodePayload(RemoteError::decode));
            }
            return reply.decodePayload(CommonProcs.OneString::decode).value();
        } catch (XdrException e) {
            throw VirtException.of(ErrorCode.RPC, ErrorDomain.RPC,
                "Unable to decode the reply to virDomainQemuMonitorCommand: %s", e.getMessage());
        }
    }

    private Packet roundTrip(Procedure proc, XdrStruct args, int serial) {
        return roundTrip(Header.call(proc, serial), proc, args);
    }

    private Packet roundTrip(Header call, Object what, XdrStruct args) {
        int serial = call.serial();
        Object proc = what;
        failIfClosed();
        CompletableFuture<Packet> reply = new CompletableFuture<>();
        pending.put(serial, reply);
        try {
            byte[] packet;
            try {
                packet = MessageCodec.encode(call, args);
            } catch (XdrException e) {
                throw VirtException.of(ErrorCode.RPC, ErrorDomain.RPC, "Unable to encode the arguments of %s: %s",
                    proc, e.getMessage());
            }
            write(packet);
            try {
                return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.RPC,
                    "no reply to %s from %s within %d s", proc, peer, timeout.toSeconds());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof VirtException v) {
                    throw new VirtException(v.code(), v.domain(), v.getMessage(), v);
                }
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, String.valueOf(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw VirtException.of(ErrorCode.OPERATION_ABORTED, ErrorDomain.RPC, "%s interrupted", proc);
            }
        } finally {
            pending.remove(serial);
        }
    }

    private void failIfClosed() {
        VirtException why = closedBecause;
        if (why != null) {
            throw new VirtException(why.code(), why.domain(), why.getMessage());
        }
        if (closed) {
            throw VirtException.of(ErrorCode.INVALID_CONN, ErrorDomain.RPC, "client socket is closed");
        }
    }

    /** Writes a whole packet; packets of several threads never interleave. */
    void write(byte[] packet) {
        synchronized (writeLock) {
            try {
                ByteBuffer buf = ByteBuffer.wrap(packet);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            } catch (IOException e) {
                VirtException v = VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                    "Cannot write data: %s", reason(e));
                fail(v);
                throw v;
            }
        }
    }

    private void readLoop() {
        PacketReader packets = new PacketReader();
        try {
            while (!closed) {
                int n = packets.read(channel, this::dispatch);
                if (n < 0) {
                    fail(VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                        "End of file while reading data: Input/output error"));
                    return;
                }
            }
        } catch (IOException | FramingException e) {
            fail(VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC, "Cannot recv data: %s",
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private void dispatch(Packet p) {
        Header h = p.header();
        if (h.isKeepalive()) {
            if (h.procedure() == Program.KEEPALIVE_PING) {
                try {
                    write(MessageCodec.pong());
                } catch (VirtException ignored) {
                    // the connection failed; fail() has told every waiting call
                }
            }
            return;
        }
        if (h.type() == MessageType.REPLY) {
            CompletableFuture<Packet> waiting = pending.get(h.serial());
            if (waiting != null) {
                waiting.complete(p);
            }
            return;
        }
        boolean stream = h.type() == MessageType.STREAM || h.type() == MessageType.STREAM_HOLE;
        if (stream && h.program() == Program.REMOTE) {
            ClientStream st = streams.get(h.serial());
            if (st != null && st.procedure() == h.procedure()) {
                st.received(p);
            }
            // Packets of a stream we no longer know may still arrive after we ended it: dropped.
            return;
        }
        if (h.type() == MessageType.MESSAGE && h.program() == Program.REMOTE) {
            Consumer<Packet> l = eventListener;
            if (l != null) {
                try {
                    l.accept(p);
                } catch (RuntimeException ignored) {
                    // a listener's failure must not stop the reader
                }
            }
        }
        // Anything else is ignored, as libvirt's client does.
    }

    /** The connection is dead: every call waiting and every later call fails with {@code why}. */
    private void fail(VirtException why) {
        if (closedBecause == null && !closed) {
            closedBecause = why;
        }
        VirtException reported = closedBecause != null ? closedBecause
            : VirtException.of(ErrorCode.INVALID_CONN, ErrorDomain.RPC, "client socket is closed");
        for (CompletableFuture<Packet> f : pending.values()) {
            f.completeExceptionally(reported);
        }
        for (ClientStream st : streams.values()) {
            st.fail(reported);
        }
        closeQuietly(channel);
    }

    /** CONNECT_CLOSE (when the connection was opened and is still alive), then the socket. */
    public void close(boolean sendConnectClose) {
        if (closed) {
            return;
        }
        try {
            if (sendConnectClose && isOpen()) {
                try {
                    call(Procedure.CONNECT_CLOSE, Empty.INSTANCE, Empty.class);
                } catch (VirtException ignored) {
                    // the server may already be gone; the socket goes either way
                }
            }
        } finally {
            closed = true;
            fail(VirtException.of(ErrorCode.INVALID_CONN, ErrorDomain.RPC, "client socket is closed"));
            try {
                reader.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        close(true);
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }
}
