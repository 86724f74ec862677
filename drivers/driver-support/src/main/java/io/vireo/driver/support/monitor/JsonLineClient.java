package io.vireo.driver.support.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A client for monitors that speak one JSON object per line over a Unix socket with {@code execute}/{@code id}
 * requests, {@code return}/{@code error} replies and pushed {@code event}s: QEMU's QMP and the Vireo VMM's
 * monitor. One reader thread dispatches replies to their callers by id and events to the listener in
 * order; when the socket closes (the process ended) every pending call fails and the close listener runs
 * once. That close is how a driver learns that a guest process it did not start has ended.
 */
public final class JsonLineClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLineClient.class);
    /** A monitor line longer than this is a broken monitor, not a message. */
    private static final int MAX_LINE = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SocketChannel channel;
    private final String name;
    private final JsonNode greeting;
    private final BufferedReader reader;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set by {@link #close()}: the connection was let go on purpose, so its end says nothing about the process. */
    private volatile boolean detached;
    /** Whether the end was already handed to a close listener (guarded by this). */
    private boolean closeReported;
    private volatile Consumer<ObjectNode> eventListener = e -> { };
    private volatile Runnable closeListener = () -> { };

    private JsonLineClient(SocketChannel channel, String name) throws IOException {
        this.channel = channel;
        this.name = name;
        this.reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        String first = readLine();
        if (first == null) {
            throw new IOException(name + ": monitor closed before its greeting");
        }
        this.greeting = JSON.readTree(first);
    }

    /**
     * Connects to the monitor at {@code socket}, retrying while it does not exist yet or refuses (a process
     * that is still starting), until {@code timeout}; reads the greeting. Call {@link #start} next.
     */
    public static JsonLineClient connect(Path socket, Duration timeout, String name) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        do {
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                return new JsonLineClient(ch, name);
            } catch (IOException e) {
                last = e;
                if (ch != null) {
                    ch.close();
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting to " + socket, e);
            }
        } while (System.nanoTime() < deadline);
        throw new IOException("cannot connect to monitor " + socket + ": " + last.getMessage(), last);
    }

    /** The first line the monitor sent ({@code {"QMP":...}} or {@code {"vireo":...}}). */
    public JsonNode greeting() {
        return greeting;
    }

    /** Starts dispatching; events go to {@code events} (on the reader thread, in order), the end to {@code onClose}. */
    public JsonLineClient start(Consumer<ObjectNode> events, Runnable onClose) {
        listen(events, onClose);
        Thread t = new Thread(this::readLoop, "vireo-monitor-" + name);
        t.setDaemon(true);
        t.start();
        return this;
    }

    /**
     * Hands events and the end of the connection to new listeners (events before this went to the old
     * ones). When the connection has already ended, {@code onClose} runs at once, so the end is never missed.
     */
    public void listen(Consumer<ObjectNode> events, Runnable onClose) {
        this.eventListener = events;
        boolean endedAlready;
        synchronized (this) {
            endedAlready = closeReported;
            if (!endedAlready) {
                closeListener = onClose;
            }
        }
        if (endedAlready && !detached) {
            onClose.run();
        }
    }

    /** Runs {@code command} with {@code arguments} (may be null) and returns its {@code return} value. */
    public JsonNode execute(String command, ObjectNode arguments, Duration timeout) throws MonitorException {
        long id = ids.incrementAndGet();
        ObjectNode request = JSON.createObjectNode().put("execute", command);
        if (arguments != null) {
            request.set("arguments", arguments);
        }
        request.put("id", id);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            if (closed.get()) {
                throw new MonitorException(MonitorException.DISCONNECTED, name + ": monitor is closed");
            }
            send(request);
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MonitorException m) {
                throw m;
            }
            throw new MonitorException(MonitorException.DISCONNECTED, name + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new MonitorException(MonitorException.TIMEOUT,
                    name + ": no reply to '" + command + "' within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MonitorException(MonitorException.DISCONNECTED, name + ": interrupted", e);
        } finally {
            pending.remove(id);
        }
    }

    /** A new empty arguments object. */
    public static ObjectNode arguments() {
        return JSON.createObjectNode();
    }

    private void send(ObjectNode request) throws MonitorException {
        byte[] line = (request.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (channel) {
            try {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            } catch (IOException e) {
                throw new MonitorException(MonitorException.DISCONNECTED, name + ": " + e.getMessage(), e);
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = reader.read()) >= 0) {
            if (c == '\n') {
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new IOException(name + ": monitor line longer than " + MAX_LINE + " characters");
            }
            sb.append((char) c);
        }
        return sb.length() > 0 ? sb.toString() : null;
    }

    private void readLoop() {
        try {
            String line;
            while ((line = readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                dispatch(JSON.readTree(line));
            }
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.debug("{}: monitor read ended: {}", name, e.getMessage());
            }
        } finally {
            shutdown();
        }
    }

    private void dispatch(JsonNode message) {
        if (!(message instanceof ObjectNode obj)) {
            LOG.warn("{}: ignoring monitor message that is not an object: {}", name, message);
            return;
        }
        if (obj.has("event")) {
            try {
                eventListener.accept(obj);
            } catch (RuntimeException e) {
                LOG.warn("{}: event listener failed on {}", name, obj, e);
            }
            return;
        }
        JsonNode id = obj.get("id");
        CompletableFuture<JsonNode> reply = id == null || !id.canConvertToLong() ? null : pending.get(id.asLong());
        if (reply == null) {
            LOG.debug("{}: reply nobody waits for: {}", name, obj);
        } else if (obj.has("error")) {
            JsonNode err = obj.get("error");
            reply.completeExceptionally(new MonitorException(err.path("class").asText("GenericError"),
                    err.path("desc").asText("")));
        } else {
            reply.complete(obj.path("return"));
        }
    }

    private void shutdown() {
        closed.set(true);
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        MonitorException gone = new MonitorException(MonitorException.DISCONNECTED, name + ": monitor closed");
        pending.values().forEach(f -> f.completeExceptionally(gone));
        Runnable onClose;
        synchronized (this) {
            onClose = closeListener;
            closeListener = () -> { };
            closeReported = true;
        }
        if (detached) {
            return;
        }
        try {
            onClose.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: close listener failed", name, e);
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Lets the monitor go: the process goes on, and the close listener does not run. */
    @Override
    public void close() {
        detached = true;
        closed.set(true);
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
