package io.vireo.remote.server;

import io.vireo.api.ConnectionFactory;
import io.vireo.api.spi.HypervisorDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A running server on the real stack: TCP on a free loopback port, Unix sockets in a temporary
 * directory. Each fixture has its own test:///default host, so tests do not see each other's changes.
 */
final class ServerFixture implements AutoCloseable {
    final Path dir;
    final TestStack stack;
    final RpcServer server;

    ServerFixture() throws IOException {
        this(Map.of());
    }

    ServerFixture(Map<String, ?> config) throws IOException {
        this(config, HandlerTable::standard);
    }

    /** A server with these settings over the real stack, answering with the handlers {@code handlers} makes. */
    ServerFixture(Map<String, ?> config, Function<ConnectionFactory, HandlerTable> handlers) throws IOException {
        this(config, handlers, Map.of());
    }

    private ServerFixture(Map<String, ?> config, Function<ConnectionFactory, HandlerTable> handlers,
                          Map<HypervisorDriver, Map<String, Object>> extraDrivers) throws IOException {
        // Short path: a Unix socket path must fit in 108 bytes.
        dir = Files.createTempDirectory(Path.of("/tmp"), "vireo-rpc");
        stack = new TestStack(dir, extraDrivers);
        Map<String, Object> c = new HashMap<>();
        c.put("tcp_port", 0);
        c.put("unix_sock_dir", dir.resolve("sock").toString());
        c.putAll(config);
        server = new RpcServer(ServerSettings.from(Configs.of(RemoteServerConfig.class, c)), handlers.apply(stack.factory));
        stack.forwardEventsTo(server.events());
        server.start();
    }

    /** A standard server whose stack also has {@code extraDrivers} (each with its service properties). */
    static ServerFixture withDrivers(Map<HypervisorDriver, Map<String, Object>> extraDrivers) throws IOException {
        return new ServerFixture(Map.of(), HandlerTable::standard, extraDrivers);
    }

    /** The same with these settings. */
    static ServerFixture withDrivers(Map<String, ?> config, Map<HypervisorDriver, Map<String, Object>> extraDrivers)
        throws IOException {
        return new ServerFixture(config, HandlerTable::standard, extraDrivers);
    }

    int port() {
        return server.tcpPort();
    }

    /** The URI a libvirt client uses to reach test:///default through this server over TCP. */
    String tcpUri() {
        return "test+tcp://127.0.0.1:" + port() + "/default";
    }

    Path socket(boolean readOnly) {
        return dir.resolve("sock").resolve(readOnly ? ServerSettings.RO_SOCKET : ServerSettings.RW_SOCKET);
    }

    @Override
    public void close() throws IOException {
        server.close();
        stack.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
