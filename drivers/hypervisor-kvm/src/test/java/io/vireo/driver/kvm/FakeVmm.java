package io.vireo.driver.kvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vireo.kvm.vmm.api.VmConfig;
import io.vireo.kvm.vmm.devices.virtio.net.TapBackend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Vireo VMM process that needs no /dev/kvm: the same arguments, the same monitor
 * protocol and events (drivers/kvm-vmm/MONITOR.md), a console socket that serves one client at a time and
 * echoes lines as the probe kernel does, and the same exit statuses. Its "guest" answers Ctrl-Alt-Del by
 * resetting, as a Linux guest does; with a kernel file whose text starts with "acpi" it answers the ACPI
 * power button by powering off, as a Linux guest with ACPI does. A kernel file whose text starts with
 * "fail" makes it fail at start, as the VMM does with a kernel it cannot load. NICs in a named network
 * namespace get their taps as in the VMM (the VMM's own TapBackend: made there, bridged, gone when this
 * process ends); others get none, so a test never touches the host's own namespace.
 */
public final class FakeVmm {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<SocketChannel> MONITOR_CLIENTS = new CopyOnWriteArrayList<>();
    /** Held open for the process's life, as the VMM holds its taps. */
    private static final List<TapBackend> TAPS = new CopyOnWriteArrayList<>();
    private static VmConfig config;
    private static volatile String status = "running";
    private static volatile boolean ended;
    private static ServerSocketChannel monitor;
    private static ServerSocketChannel console;
    /** The fake guest's memory as its balloon reports it; a balloon request takes effect at once. */
    private static volatile long balloonActual = -1;
    /** The balloon's statistics period; once set, the fake guest reports statistics as a Linux guest would. */
    private static volatile long balloonStatsPeriod;
    /** The fake guest listens to the ACPI power button (kernel text "acpi..."), as a Linux guest with ACPI does. */
    private static volatile boolean acpiGuest;

    private FakeVmm() {
    }

    public static void main(String[] args) throws Exception {
        config = VmConfig.fromArgs(args);
        balloonActual = (long) config.memoryMib() << 20;
        String kernel = Files.readString(config.kernel(), StandardCharsets.ISO_8859_1);
        acpiGuest = kernel.startsWith("acpi");
        if (kernel.startsWith("fail")) {
            System.err.println("vireo-vmm: error: " + config.kernel() + ": not a bzImage (no HdrS signature)");
            System.exit(3);
        }
        for (VmConfig.Nic nic : config.nics()) {
            if (nic.netns() != null) {
                try {
                    TAPS.add(TapBackend.open(nic));
                } catch (IOException e) {
                    System.err.println("vireo-vmm: error: cannot open tap " + nic.tap() + ": " + e.getMessage());
                    System.exit(3);
                }
            }
        }
        serial("FAKE-GUEST start\n");
        console = listen(Path.of(config.console().substring("socket:".length())));
        Thread c = new Thread(FakeVmm::serveConsole, "console");
        c.setDaemon(true);
        c.start();
        monitor = listen(config.monitorSocket());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> end("host-quit")));
        while (true) {
            SocketChannel client;
            try {
                client = monitor.accept();
            } catch (IOException e) {
                // Ending: whoever closed the monitor decides the exit status.
                Thread.sleep(Long.MAX_VALUE);
                return;
            }
            Thread t = new Thread(() -> serveMonitor(client), "monitor-client");
            t.setDaemon(true);
            t.start();
        }
    }

    private static ServerSocketChannel listen(Path path) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(path));
        return s;
    }

    private static synchronized void serial(String text) {
        if (config.serialLog() != null) {
            try {
                Files.writeString(config.serialLog(), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // no log then
            }
        }
    }

    private static void serveConsole() {
        while (true) {
            try (SocketChannel c = console.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c),
                        StandardCharsets.UTF_8));
                StringBuilder line = new StringBuilder();
                int ch;
                while ((ch = in.read()) >= 0) {
                    if (ch == '\r' || ch == '\n') {
                        if (line.length() > 0) {
                            write(c, "echo: " + line + "\r\n");
                            serial("echo: " + line + "\n");
                            line.setLength(0);
                        }
                    } else {
                        line.append((char) ch);
                    }
                }
            } catch (IOException e) {
                if (ended) {
                    return;
                }
            }
        }
    }

    private static void write(SocketChannel c, String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    private static void send(SocketChannel c, ObjectNode message) {
        synchronized (c) {
            try {
                write(c, message + "\n");
            } catch (IOException ignored) {
                // the client went away
            }
        }
    }

    private static void event(String name, String reason) {
        ObjectNode e = JSON.createObjectNode().put("event", name);
        if (reason != null) {
            e.putObject("data").put("reason", reason);
        }
        e.put("timestamp_ms", System.currentTimeMillis());
        MONITOR_CLIENTS.forEach(c -> send(c, e));
    }

    private static void serveMonitor(SocketChannel c) {
        ObjectNode hello = JSON.createObjectNode();
        hello.putObject("vireo").put("version", "0.1").put("pid", ProcessHandle.current().pid());
        send(c, hello);
        MONITOR_CLIENTS.add(c);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode request = JSON.readTree(line);
                ObjectNode reply = JSON.createObjectNode();
                reply.set("id", request.get("id"));
                Runnable after = execute(request.path("execute").asText(), request, reply);
                send(c, reply);
                if (after != null) {
                    after.run();
                }
            }
        } catch (IOException ignored) {
            // client went away
        } finally {
            MONITOR_CLIENTS.remove(c);
        }
    }

    private static Runnable execute(String command, JsonNode request, ObjectNode reply) {
        switch (command) {
            case "query-status" -> reply.putObject("return").put("status", status).put("running",
                    status.equals("running"));
            case "stop", "cont" -> {
                String from = command.equals("stop") ? "running" : "paused";
                if (!status.equals(from)) {
                    reply.putObject("error").put("class", "InvalidState").put("desc", "guest is " + status);
                    return null;
                }
                status = command.equals("stop") ? "paused" : "running";
                reply.putObject("return");
                // As the VMM: the event goes out before the reply.
                event(command.equals("stop") ? "STOP" : "RESUME", null);
                return null;
            }
            case "system_powerdown", "system_reboot" -> {
                reply.putObject("return");
                boolean reboot = command.equals("system_reboot");
                if (!acpiGuest) {
                    return () -> {
                        event("POWERDOWN", null);
                        serial("guest: ctrl-alt-del\n");
                        guestReset("guest-reset (i8042 reset)");
                    };
                }
                // As the VMM with an ACPI guest: the power button; the guest powers off, which after a
                // reboot request is a reset.
                return () -> {
                    event("POWERDOWN", null);
                    serial("guest: power button\n");
                    if (reboot) {
                        guestReset("guest-reset (ACPI power-off after a reboot request)");
                    } else {
                        end("guest-shutdown");
                        Runtime.getRuntime().halt(0);
                    }
                };
            }
            case "system_reset" -> {
                reply.putObject("return");
                return () -> event("RESET", "host-reset");
            }
            case "quit" -> {
                reply.putObject("return");
                return () -> {
                    end("host-quit");
                    Runtime.getRuntime().halt(0);
                };
            }
            case "query-stats" -> {
                // The VMM's form (MONITOR.md), with made-up counters: disk i has read 10+i requests of 4 KiB
                // and written 20+i of 512 bytes, with i errors; NIC i received 30+i frames of 100 bytes and
                // sent 40+i of 60 bytes, dropping i and i+1.
                ObjectNode ret = reply.putObject("return").put("status", status);
                com.fasterxml.jackson.databind.node.ArrayNode virtio = ret.putArray("virtio");
                for (int i = 0; i < config.disks().size(); i++) {
                    virtio.addObject().put("device", "virtio-blk").put("path", config.disks().get(i).path().toString())
                            .put("requests", 30 + 2 * i).put("rd_req", 10 + i).put("rd_bytes", 4096L * (10 + i))
                            .put("wr_req", 20 + i).put("wr_bytes", 512L * (20 + i)).put("flush_req", 0)
                            .put("errors", i);
                }
                for (int i = 0; i < config.nics().size(); i++) {
                    VmConfig.Nic n = config.nics().get(i);
                    virtio.addObject().put("device", "virtio-net").put("tap", n.tap()).put("mac", n.mac())
                            .put("tx_frames", 40 + i).put("rx_frames", 30 + i).put("rx_dropped", i)
                            .put("rx_bytes", 100L * (30 + i)).put("rx_errors", 0).put("tx_bytes", 60L * (40 + i))
                            .put("tx_dropped", i + 1).put("tx_errors", 0);
                }
                if (config.balloon()) {
                    virtio.addObject().put("device", "virtio-balloon");
                }
            }
            case "balloon", "query-balloon", "balloon-stats-period" -> {
                if (!config.balloon()) {
                    reply.putObject("error").put("class", "DeviceNotActive")
                            .put("desc", "No balloon device has been activated");
                    return null;
                }
                if (command.equals("balloon")) {
                    balloonActual = Math.min(request.path("arguments").path("value").asLong(),
                            (long) config.memoryMib() << 20);
                    reply.putObject("return");
                } else if (command.equals("balloon-stats-period")) {
                    balloonStatsPeriod = request.path("arguments").path("seconds").asLong();
                    reply.putObject("return");
                } else {
                    ObjectNode r = reply.putObject("return").put("actual", balloonActual)
                            .put("stats_period", balloonStatsPeriod);
                    ObjectNode stats = r.put("last_update", balloonStatsPeriod > 0
                            ? System.currentTimeMillis() / 1000 : 0).putObject("stats");
                    if (balloonStatsPeriod > 0) {
                        stats.put("stat-free-memory", balloonActual / 2).put("stat-total-memory", balloonActual - (8 << 20));
                    }
                }
            }
            case "fake-error" -> {
                reply.putObject("return");
                return () -> {
                    end("error");
                    Runtime.getRuntime().halt(3);
                };
            }
            default -> reply.putObject("error").put("class", "CommandNotFound").put("desc", "unknown command " + command);
        }
        return null;
    }

    private static void guestReset(String reason) {
        if (config.restartOnReboot()) {
            event("RESET", reason);
            serial("FAKE-GUEST start\n");
        } else {
            end("guest-reset");
            Runtime.getRuntime().halt(0);
        }
    }

    private static synchronized void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        status = "shutdown";
        event("SHUTDOWN", reason);
        try {
            monitor.close();
            console.close();
            Files.deleteIfExists(config.monitorSocket());
            Files.deleteIfExists(Path.of(config.console().substring("socket:".length())));
        } catch (IOException ignored) {
            // best effort
        }
        MONITOR_CLIENTS.forEach(c -> {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
    }
}
