package io.vireo.jmx;

import io.vireo.api.Caller;
import io.vireo.api.Connection;
import io.vireo.api.ConnectionFactory;
import io.vireo.api.VirtException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * How MBeans reach the API. Reads share one read-only connection per URI (reopened when its driver came
 * back). Every change opens a connection for the JMX caller: Karaf's RMI connector runs each call as the
 * logged-in Subject, so {@link Caller#current()} names that user ({@code karaf@jmx(127.0.0.1)}) and the
 * audit log records who did it.
 *
 * <p>A remote JMX client cannot load Vireo's exception class, so a {@link VirtException} leaves as an
 * {@link IllegalStateException} with libvirt's message.
 */
final class JmxConnections implements AutoCloseable {
    /** Who reads, in logs: reads are not audited. */
    private static final String READER = "jmx";

    private final ConnectionFactory factory;
    private final Map<String, Connection> readers = new ConcurrentHashMap<>();

    JmxConnections(ConnectionFactory factory) {
        this.factory = factory;
    }

    <R> R read(String uri, Function<Connection, R> call) {
        try {
            return call.apply(reader(uri));
        } catch (VirtException e) {
            throw failure(e);
        }
    }

    <R> R change(String uri, Function<Connection, R> call) {
        try (Connection c = factory.open(uri, false, Caller.current())) {
            return call.apply(c);
        } catch (VirtException e) {
            throw failure(e);
        }
    }

    void run(String uri, java.util.function.Consumer<Connection> call) {
        change(uri, c -> {
            call.accept(c);
            return null;
        });
    }

    /** The shared read-only connection of {@code uri}, raw (VirtException passes through). */
    Connection reader(String uri) {
        return readers.compute(uri, (u, c) -> c != null && c.isAlive() ? c : factory.open(u, true, READER));
    }

    int openConnections() {
        return factory.openConnectionCount();
    }

    String defaultUri() {
        return factory.defaultUri();
    }

    /** Drops the shared connection of {@code uri} (its driver left). */
    void forget(String uri) {
        Connection c = readers.remove(uri);
        if (c != null) {
            c.close();
        }
    }

    private static IllegalStateException failure(VirtException e) {
        return new IllegalStateException(e.getMessage());
    }

    @Override
    public void close() {
        readers.values().forEach(Connection::close);
        readers.clear();
    }
}
