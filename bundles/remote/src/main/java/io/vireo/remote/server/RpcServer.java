package io.vireo.remote.server;

import io.vireo.api.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * libvirt's RPC server over Vireo's API, without OSGi: listens on TCP and on the two Unix sockets, owns
 * the I/O loop and the workers, keeps the clients and the request limits. {@link RemoteServer} runs one
 * in the framework; tests run it directly.
 */
final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    /** An open listening socket and what clients accepted on it get. */
    private record Listener(String description, ServerSocketChannel channel, boolean readOnly, AuthMethod auth,
                            Path socketFile) {
    }

    private final ServerSettings settings;
    private final Dispatcher dispatcher;
    private final WorkerPool workers;
    private final IoLoop io;
    private final EventRouter events;
    private final Set<ClientConnection> clients = ConcurrentHashMap.newKeySet();
    private final List<Listener> listeners = new ArrayList<>();
    /** Clients with calls held back by max_requests (I/O thread only). */
    private final Set<ClientConnection> waitingForSlot = new LinkedHashSet<>();
    private int requestsInFlight;

    RpcServer(ServerSettings settings, ConnectionFactory factory) throws IOException {
        this(settings, HandlerTable.standard(factory));
    }

    /** A server answering with {@code handlers} (tests use their own). */
    RpcServer(ServerSettings settings, HandlerTable handlers) throws IOException {
        this.settings = settings;
        this.dispatcher = new Dispatcher(handlers);
        this.io = new IoLoop("vireo-remote-io", this::tick);
        this.workers = new WorkerPool("vireo-remote", settings.maxWorkers(), settings.prioWorkers());
        this.events = new EventRouter(() -> clients);
    }

    /**
     * Opens the configured sockets and starts serving. A socket that cannot be opened is logged and
     * skipped: the others still serve (a busy port must not take the Unix sockets down with it).
     */
    void start() {
        if (settings.listenTcp()) {
            openTcp();
        }
        if (settings.unixSockDir() != null) {
            openUnix(settings.unixSockDir().resolve(ServerSettings.RW_SOCKET), false, settings.unixRwPerms(),
                settings.authUnixRw());
            openUnix(settings.unixSockDir().resolve(ServerSettings.RO_SOCKET), true, settings.unixRoPerms(),
                settings.authUnixRo());
        }
        for (Listener l : listeners) {
            try {
                io.register(l.channel(), SelectionKey.OP_ACCEPT, new IoLoop.Ready() {
                    @Override
                    public void onReady(SelectionKey key) {
                        accept(l);
                    }

                    @Override
                    public void onFailure(RuntimeException e) {
                        LOG.error("Accepting on {} failed", l.description(), e);
                    }
                });
            } catch (IOException e) {
                LOG.error("Cannot serve {}: {}", l.description(), e.getMessage());
            }
        }
        io.start();
        if (listeners.isEmpty()) {
            LOG.warn("Remote server has no socket to listen on; virsh and other libvirt clients cannot connect");
        }
    }

    private void openTcp() {
        if (!settings.authTcp().implemented()) {
            LOG.error("auth_tcp = {} is not implemented yet; not listening on TCP rather than without authentication",
                settings.authTcp().name().toLowerCase(java.util.Locale.ROOT));
            return;
        }
        InetSocketAddress addr = new InetSocketAddress(settings.listenAddr(), settings.tcpPort());
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open();
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(addr, 128);
            ch.configureBlocking(false);
            String desc = "tcp " + ch.getLocalAddress();
            listeners.add(new Listener(desc, ch, false, settings.authTcp(), null));
            LOG.info("libvirt RPC listening on {}", desc);
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot listen on TCP {}: {}", addr, e.getMessage());
            closeQuietly(ch);
        }
    }

    private void openUnix(Path path, boolean readOnly, Set<PosixFilePermission> perms, AuthMethod auth) {
        if (!auth.implemented()) {
            LOG.error("auth for {} = {} is not implemented yet; socket not opened", path, auth.name().toLowerCase(java.util.Locale.ROOT));
            return;
        }
        ServerSocketChannel ch = null;
        try {
            Files.createDirectories(path.getParent());
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                if (isServed(path)) {
                    LOG.error("Another daemon already serves {}; not taking it over", path);
                    return;
                }
                Files.delete(path); // left behind by a daemon that did not stop cleanly
            }
            ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            ch.bind(UnixDomainSocketAddress.of(path), 128);
            ch.configureBlocking(false);
            try {
                Files.setPosixFilePermissions(path, perms);
            } catch (UnsupportedOperationException e) {
                LOG.warn("Cannot set permissions of {} on this file system", path);
            }
            String desc = "unix " + path + (readOnly ? " (read-only)" : "");
            listeners.add(new Listener(desc, ch, readOnly, auth, path));
            LOG.info("libvirt RPC listening on {}", desc);
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot listen on {}: {}", path, e.getMessage());
            closeQuietly(ch);
        }
    }

    private static boolean isServed(Path path) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void accept(Listener l) {
        SocketChannel ch;
        try {
            ch = l.channel().accept();
        } catch (IOException e) {
            LOG.warn("Accept on {} failed: {}", l.description(), e.getMessage());
            return;
        }
        if (ch == null) {
            return;
        }
        if (clients.size() >= settings.maxClients()) {
            LOG.warn("Refusing a client on {}: max_clients ({}) reached", l.description(), settings.maxClients());
            closeQuietly(ch);
            return;
        }
        try {
            ch.configureBlocking(false);
            String peer;
            if (l.socketFile() == null) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                InetSocketAddress a = (InetSocketAddress) ch.getRemoteAddress();
                peer = a.getAddress().getHostAddress() + ":" + a.getPort();
            } else {
                peer = l.socketFile().toString();
            }
            SelectionKey key = io.register(ch, SelectionKey.OP_READ, null);
            ClientConnection c = new ClientConnection(this, ch, key, new Session(peer, l.readOnly(), l.auth()));
            key.attach(c);
            clients.add(c);
            LOG.debug("Remote client {} connected", peer);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot set up a client on {}: {}", l.description(), e.getMessage());
            closeQuietly(ch);
        }
    }

    private void tick(long now) {
        for (ClientConnection c : clients) {
            c.tick(now);
        }
    }

    /** Takes one of the max_requests slots, or remembers the client to pump when one frees up. */
    boolean tryAcquireRequest(ClientConnection c) {
        if (requestsInFlight < settings.maxRequests()) {
            requestsInFlight++;
            return true;
        }
        waitingForSlot.add(c);
        return false;
    }

    void releaseRequest() {
        requestsInFlight--;
        if (waitingForSlot.isEmpty()) {
            return;
        }
        List<ClientConnection> waiting = new ArrayList<>(waitingForSlot);
        waitingForSlot.clear();
        for (ClientConnection c : waiting) {
            if (!c.isClosed()) {
                c.pump();
            }
        }
    }

    void clientClosed(ClientConnection c) {
        clients.remove(c);
        waitingForSlot.remove(c);
    }

    ServerSettings settings() {
        return settings;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    WorkerPool workers() {
        return workers;
    }

    IoLoop io() {
        return io;
    }

    EventRouter events() {
        return events;
    }

    int clientCount() {
        return clients.size();
    }

    /** The connected clients' sessions (for tests and monitoring). */
    List<Session> sessions() {
        return clients.stream().map(ClientConnection::session).toList();
    }

    /** The TCP port actually bound (useful with tcp_port 0), or -1 without a TCP listener. */
    int tcpPort() {
        for (Listener l : listeners) {
            if (l.socketFile() == null) {
                try {
                    return ((InetSocketAddress) l.channel().getLocalAddress()).getPort();
                } catch (IOException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Stops listening, drops every client and stops the threads; removes the socket files. */
    @Override
    public void close() {
        io.close();
        for (Listener l : listeners) {
            closeQuietly(l.channel());
            if (l.socketFile() != null) {
                try {
                    Files.deleteIfExists(l.socketFile());
                } catch (IOException e) {
                    LOG.debug("Removing {}", l.socketFile(), e);
                }
            }
        }
        for (ClientConnection c : new ArrayList<>(clients)) {
            c.close(null);
        }
        workers.close();
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("Closing a channel", e);
            }
        }
    }
}
