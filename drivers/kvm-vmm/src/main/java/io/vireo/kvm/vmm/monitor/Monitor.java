package io.vireo.kvm.vmm.monitor;

import io.vireo.kvm.vmm.Vmm;
import io.vireo.kvm.vmm.api.Json;
import io.vireo.kvm.vmm.devices.virtio.balloon.BalloonStats;
import io.vireo.kvm.vmm.devices.virtio.balloon.VirtioBalloon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import io.vireo.kvm.vmm.devices.ChannelOut;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The control API on a Unix socket: one JSON object per line each way. A client sends
 * {"execute":"CMD"[,"id":X]} and gets {"return":{...}[,"id":X]} or
 * {"error":{"class":"...","desc":"..."}[,"id":X]}; the VMM also pushes {"event":...} lines.
 * Commands: query-status, stop, cont, system_powerdown, system_reboot, system_reset, quit, query-stats.
 * See drivers/kvm-vmm/MONITOR.md.
 */
public final class Monitor implements AutoCloseable {
    private final Vmm vmm;
    private final Path path;
    private final ServerSocketChannel server;
    private volatile boolean closed;

    public Monitor(Vmm vmm, Path path) throws IOException {
        this.vmm = vmm;
        this.path = path;
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Thread t = new Thread(this::acceptLoop, "monitor-accept");
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel c = server.accept();
                Thread t = new Thread(() -> serve(c), "monitor-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(SocketChannel c) {
        // Not Channels.newOutputStream: its streams hold the channel's blocking lock while a read
        // blocks, so events could not be written while the client is idle.
        OutputStream out = ChannelOut.of(c);
        Consumer<Map<String, Object>> events = ev -> send(out, ev);
        try (c; BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c),
                StandardCharsets.UTF_8))) {
            Map<String, Object> hello = new LinkedHashMap<>();
            hello.put("vireo", Map.of("version", "0.1", "pid", ProcessHandle.current().pid(),
                    "commands", java.util.List.of("query-status", "stop", "cont", "system_powerdown",
                            "system_reboot", "system_reset", "quit", "query-stats")));
            send(out, hello);
            vmm.addEventListener(events);
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                send(out, handle(line));
            }
        } catch (IOException ignored) {
            // client went away
        } finally {
            vmm.removeEventListener(events);
        }
    }

    private static void send(OutputStream out, Map<String, Object> msg) {
        byte[] b = (Json.write(msg) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            try {
                out.write(b);
                out.flush();
            } catch (IOException ignored) {
                // the reader thread notices the closed socket
            }
        }
    }

    /** Executes one request line; public so tests can drive the protocol without a socket. */
    public Map<String, Object> handle(String line) {
        Map<String, Object> reply = new LinkedHashMap<>();
        Object id = null;
        try {
            Map<String, Object> req = Json.parseObject(line);
            id = req.get("id");
            Object cmd = req.get("execute");
            if (!(cmd instanceof String)) {
                throw new MonitorError("GenericError", "missing \"execute\"");
            }
            Object args = req.get("arguments");
            reply.put("return", execute((String) cmd, args instanceof Map ? (Map<?, ?>) args : Map.of()));
        } catch (MonitorError e) {
            reply.put("error", Map.of("class", e.cls, "desc", e.getMessage()));
        } catch (IllegalArgumentException e) {
            reply.put("error", Map.of("class", "GenericError", "desc", "bad request: " + e.getMessage()));
        } catch (IllegalStateException e) {
            reply.put("error", Map.of("class", "InvalidState", "desc", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.put("error", Map.of("class", "GenericError", "desc", "interrupted"));
        } catch (RuntimeException e) {
            reply.put("error", Map.of("class", "GenericError", "desc", e.toString()));
        }
        if (id != null) {
            reply.put("id", id);
        }
        return reply;
    }

    private Map<String, Object> execute(String cmd, Map<?, ?> args) throws InterruptedException {
        switch (cmd) {
            case "query-status": {
                Vmm.Status s = vmm.status();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("status", s.name().toLowerCase());
                m.put("running", s == Vmm.Status.RUNNING);
                if (vmm.shutdownReason() != null) {
                    m.put("reason", vmm.shutdownReason());
                }
                return m;
            }
            case "stop":
                vmm.pause();
                return Map.of();
            case "cont":
                vmm.resume();
                return Map.of();
            case "system_powerdown":
                vmm.powerdown();
                return Map.of();
            case "system_reboot":
                vmm.reboot();
                return Map.of();
            case "system_reset":
                vmm.reset("host-reset");
                return Map.of();
            case "quit":
                vmm.quit();
                return Map.of();
            case "query-stats":
                return vmm.stats();
            case "balloon": {
                // QEMU's form: {"execute":"balloon","arguments":{"value":BYTES}}, the guest's target size.
                Object v = args.get("value");
                if (!(v instanceof Number) || ((Number) v).longValue() < 0) {
                    throw new MonitorError("GenericError", "balloon needs \"value\": the guest's memory in bytes");
                }
                VirtioBalloon b = balloonDevice();
                long ram = (long) vmm.config().memoryMib() << 20;
                long want = Math.min(((Number) v).longValue(), ram);
                b.setTarget((ram - want) / VirtioBalloon.PAGE);
                return Map.of();
            }
            case "query-balloon": {
                VirtioBalloon b = balloonDevice();
                long ram = (long) vmm.config().memoryMib() << 20;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("actual", ram - b.actualPages() * VirtioBalloon.PAGE);
                m.put("target_pages", b.targetPages());
                m.put("balloon_pages", b.actualPages());
                m.put("inflated_pages", b.inflatedPages());
                m.put("deflated_pages", b.deflatedPages());
                BalloonStats st = b.stats();
                m.put("stats_period", b.statsPeriod());
                m.put("last_update", st.lastUpdate());
                m.put("stats", st.values());
                return m;
            }
            case "balloon-stats-period": {
                // {"execute":"balloon-stats-period","arguments":{"seconds":N}}: how often the guest is asked.
                Object v = args.get("seconds");
                if (!(v instanceof Long) || (Long) v < 0 || (Long) v > Integer.MAX_VALUE) {
                    throw new MonitorError("GenericError",
                            "balloon-stats-period needs \"seconds\": a whole number from 0 (off) up");
                }
                balloonDevice().setStatsPeriod((int) (long) (Long) v);
                return Map.of();
            }
            default:
                throw new MonitorError("CommandNotFound", "unknown command " + cmd);
        }
    }

    private VirtioBalloon balloonDevice() {
        VirtioBalloon b = vmm.virtio().balloon();
        if (b == null) {
            throw new MonitorError("DeviceNotActive", "No balloon device has been activated");
        }
        return b;
    }

    private static final class MonitorError extends RuntimeException {
        final String cls;

        MonitorError(String cls, String desc) {
            super(desc);
            this.cls = cls;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
