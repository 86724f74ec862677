package io.vireo.kvm.vmm.it;

import io.vireo.kvm.vmm.Vmm;
import io.vireo.kvm.vmm.api.Json;
import io.vireo.kvm.vmm.api.VmConfig;
import io.vireo.kvm.vmm.devices.Console;
import io.vireo.kvm.vmm.monitor.Monitor;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A probe guest run in this JVM, with its serial output captured and its monitor reached
 * through the real Unix socket. Closing it ends the guest and removes every file it made.
 */
final class Guest implements AutoCloseable {
    static long timeoutMs = Long.getLong("vireo.it.timeout.ms", 60_000);

    final Path dir;
    final Console console = new Console();
    final Vmm vmm;
    final Monitor monitor;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Thread controller;
    private volatile int exitCode = -1;
    private SocketChannel client;
    private BufferedReader clientIn;
    private OutputStream clientOut;

    Guest(Path probeDir, int vcpus, String extraCmdline, boolean restartOnReboot) throws Exception {
        this(new VmConfig(probeDir.resolve("bzImage"), probeDir.resolve("initrd.img"),
                "console=ttyS0 " + extraCmdline, 64, vcpus, null, null, "none", restartOnReboot));
    }

    /** Runs {@code config} with a monitor socket in a fresh temporary directory. */
    Guest(VmConfig config) throws Exception {
        dir = Files.createTempDirectory("vireo-it");
        VmConfig cfg = new VmConfig(config.kernel(), config.initrd(), config.cmdline(), config.memoryMib(),
                config.vcpus(), null, dir.resolve("monitor.sock"), "none", config.restartOnReboot(), config.disks(),
                config.rng(), config.balloon(), config.nics());
        console.addSink(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (out) {
                    out.write(b);
                    out.notifyAll();
                }
            }
        });
        Vmm v = null;
        Monitor m = null;
        try {
            v = new Vmm(cfg, console);
            m = new Monitor(v, cfg.monitorSocket());
            v.start();
        } catch (Exception | Error e) {
            if (m != null) {
                m.close();
            }
            if (v != null) {
                v.close();
            }
            console.close();
            deleteDir();
            throw e;
        }
        vmm = v;
        monitor = m;
        Vmm vv = v;
        controller = new Thread(() -> {
            try {
                exitCode = vv.awaitShutdown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "it-controller");
        controller.setDaemon(true);
        controller.start();
    }

    String output() {
        synchronized (out) {
            return out.toString(StandardCharsets.ISO_8859_1).replace("\r", "");
        }
    }

    /** Waits until the serial output contains {@code text} (count times); returns the output. */
    String waitFor(String text, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (out) {
            while (true) {
                String s = output();
                if (occurrences(s, text) >= count) {
                    return s;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for \"" + text + "\" x" + count + "; output:\n" + s);
                }
                out.wait(Math.min(left, 200));
            }
        }
    }

    String waitFor(String text) throws InterruptedException {
        return waitFor(text, 1);
    }

    static int occurrences(String s, String t) {
        int n = 0;
        for (int i = s.indexOf(t); i >= 0; i = s.indexOf(t, i + 1)) {
            n++;
        }
        return n;
    }

    int awaitExit() throws InterruptedException {
        controller.join(timeoutMs);
        if (controller.isAlive()) {
            throw new AssertionError("guest did not end; status " + vmm.status() + "; output:\n" + output()
                    + "\nthreads:\n" + ThreadDump.all());
        }
        return exitCode;
    }

    /** Sends one monitor command over the socket and returns the reply (events are skipped). */
    Map<String, Object> execute(String cmd) throws IOException {
        return execute(cmd, null);
    }

    /** As {@link #execute(String)}, with {@code argumentsJson} (a JSON object) as the command's arguments. */
    Map<String, Object> execute(String cmd, String argumentsJson) throws IOException {
        if (client == null) {
            client = SocketChannel.open(StandardProtocolFamily.UNIX);
            client.connect(UnixDomainSocketAddress.of(dir.resolve("monitor.sock")));
            clientIn = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
            clientOut = Channels.newOutputStream(client);
            Map<String, Object> hello = Json.parseObject(clientIn.readLine());
            if (!hello.containsKey("vireo")) {
                throw new AssertionError("no greeting: " + hello);
            }
        }
        clientOut.write(("{\"execute\":\"" + cmd + "\"" + (argumentsJson == null ? "" : ",\"arguments\":" + argumentsJson)
                + ",\"id\":\"t\"}\n").getBytes(StandardCharsets.UTF_8));
        clientOut.flush();
        while (true) {
            String line = clientIn.readLine();
            if (line == null) {
                throw new AssertionError("monitor closed the connection");
            }
            Map<String, Object> m = Json.parseObject(line);
            if (m.containsKey("return") || m.containsKey("error")) {
                return m;
            }
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String cmd) throws IOException {
        Map<String, Object> r = execute(cmd);
        if (!r.containsKey("return")) {
            throw new AssertionError(cmd + " failed: " + r);
        }
        return (Map<String, Object>) r.get("return");
    }

    private void deleteDir() {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // nothing left to clean
        }
    }

    @Override
    public void close() {
        try {
            if (client != null) {
                client.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        // Bounded: a VMM that cannot end its guest fails the scenario with every thread's stack
        // instead of hanging the run (the guest's threads are daemons and die with the JVM).
        Thread closer = new Thread(() -> {
            vmm.shutdown("host-quit", 0);
            vmm.close();
        }, "it-closer");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            String dump = ThreadDump.all();
            System.out.println("Guest.close: the VMM did not end within " + timeoutMs + " ms; threads:\n" + dump);
            throw new AssertionError("the VMM did not end within " + timeoutMs + " ms; threads:\n" + dump);
        }
        monitor.close();
        console.close();
        controller.interrupt();
        deleteDir();
    }
}
