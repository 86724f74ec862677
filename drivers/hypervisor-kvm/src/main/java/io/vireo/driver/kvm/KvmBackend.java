package io.vireo.driver.kvm;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.driver.support.console.ConsoleSockets;
import io.vireo.driver.support.domain.GuestBackend;
import io.vireo.driver.support.domain.GuestListener;
import io.vireo.driver.support.domain.GuestPaths;
import io.vireo.driver.support.domain.LiveRecord;
import io.vireo.driver.support.domain.RunningGuest;
import io.vireo.driver.support.monitor.JsonLineClient;
import io.vireo.driver.support.monitor.MonitorException;
import io.vireo.driver.support.process.GuestProcess;
import io.vireo.kvm.vmm.api.VmConfig;
import io.vireo.xml.domain.CharDeviceDef;
import io.vireo.xml.domain.DomainDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs each guest as one Vireo VMM process ({@code io.vireo.kvm.vmm.Main}, through the launcher
 * {@code bin/vireo-vmm}), started detached so that it outlives the daemon, and driven over its monitor
 * socket. The live record keeps the monitor and console socket paths, which is all a restarted daemon
 * needs to find the guest again.
 */
final class KvmBackend implements GuestBackend {
    static final String RUNTIME_MONITOR = "monitor";
    static final String RUNTIME_CONSOLE = "console";
    /** Environment variable the launcher adds to the VMM's JVM options. */
    static final String JAVA_OPTS_ENV = "VIREO_VMM_JAVA_OPTS";
    private static final Logger LOG = LoggerFactory.getLogger(KvmBackend.class);
    private static final Duration REATTACH_TIMEOUT = Duration.ofSeconds(2);
    private static final int LOG_TAIL_LINES = 12;
    private static final int LOG_TAIL_CHARS = 2000;

    /**
     * How the VMM is started: the launcher's words, extra JVM options, how long it may take to come up, and the
     * network namespace of the taps of guests whose definition names none (null: the daemon's own).
     */
    record Settings(List<String> launcher, String javaOptions, Duration startTimeout, String defaultNetns) {
        Settings {
            if (launcher.isEmpty()) {
                throw new IllegalArgumentException("empty VMM command");
            }
            launcher = List.copyOf(launcher);
            javaOptions = javaOptions == null ? "" : javaOptions.trim();
            defaultNetns = defaultNetns == null || defaultNetns.isBlank() ? null : defaultNetns.trim();
            if (defaultNetns != null && (!defaultNetns.matches("[A-Za-z0-9_.-]{1,255}") || defaultNetns.matches("\\.+"))) {
                throw new IllegalArgumentException("default_netns '" + defaultNetns + "' is not a network namespace "
                        + "name as in /run/netns");
            }
        }

        Settings(List<String> launcher, String javaOptions, Duration startTimeout) {
            this(launcher, javaOptions, startTimeout, null);
        }

        /** The launcher as the capabilities and messages name it (libvirt's emulator). */
        String emulator() {
            return launcher.get(0);
        }
    }

    private volatile Settings settings;
    private final ConsoleSockets consoles = new ConsoleSockets(ErrorDomain.QEMU);
    private final GuestTaps taps;

    KvmBackend(Settings settings) {
        this(settings, new GuestTaps());
    }

    KvmBackend(Settings settings, GuestTaps taps) {
        this.settings = settings;
        this.taps = taps;
    }

    void update(Settings newSettings) {
        this.settings = newSettings;
    }

    Settings settings() {
        return settings;
    }

    private static VirtException error(ErrorCode code, String format, Object... args) {
        return VirtException.of(code, ErrorDomain.QEMU, format, args);
    }

    @Override
    public void complete(DomainDef def) {
        KvmDomainConfig.complete(def, settings.emulator());
    }

    @Override
    public RunningGuest start(DomainDef live, GuestPaths paths, boolean paused, GuestListener listener) {
        Settings s = settings;
        String name = live.getName();
        KvmDomainConfig.assignAliases(live);
        String netns = KvmDomainConfig.netns(live);
        if (netns == null) {
            netns = s.defaultNetns();
        }
        // Checked and named here; the VMM makes the taps, which end with it (crash and SIGKILL included).
        taps.prepare(live, netns);
        VmConfig config = KvmDomainConfig.vmConfig(live, paths, netns);
        for (Path socket : List.of(paths.monitorSocket(), paths.consoleSocket(0))) {
            if (socket.toString().getBytes(StandardCharsets.UTF_8).length > KvmDomainConfig.MAX_SOCKET_PATH) {
                throw error(ErrorCode.OPERATION_FAILED, "socket path %s is longer than %d bytes: choose a shorter "
                        + "run directory or domain name", socket, KvmDomainConfig.MAX_SOCKET_PATH);
            }
        }
        List<String> argv = KvmDomainConfig.argv(s.launcher(), config);
        Path log = paths.processLog();
        long logStart;
        try {
            Files.createDirectories(paths.runDirectory());
            Files.deleteIfExists(paths.monitorSocket());
            Files.deleteIfExists(paths.consoleSocket(0));
            logStart = Files.exists(log) ? Files.size(log) : 0;
            // As libvirt's domain log: every start begins with its time and command line.
            Files.writeString(log, Instant.now() + ": starting up: " + String.join(" ", argv) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw error(ErrorCode.OPERATION_FAILED, "cannot prepare the run directory %s: %s", paths.runDirectory(),
                    e.getMessage());
        }
        GuestProcess process;
        try {
            process = GuestProcess.launch(argv, log,
                    s.javaOptions().isEmpty() ? Map.of() : Map.of(JAVA_OPTS_ENV, s.javaOptions()));
        } catch (IOException e) {
            throw error(ErrorCode.OPERATION_FAILED, "cannot start the VMM '%s' for domain '%s': %s", s.emulator(),
                    name, e.getMessage());
        }
        LOG.info("Domain '{}': VMM started, pid {}", name, process.pid());
        JsonLineClient client = connect(name, process, paths.monitorSocket(), s.startTimeout(), log, logStart);
        KvmGuest guest = new KvmGuest(name, process, paths.monitorSocket(), paths.consoleSocket(0),
                consoleNames(live), consoles, listener).attach(client);
        Integer statsPeriod = KvmDomainConfig.hasBalloon(live.devices())
                ? live.devices().getMemballoon().getStatsPeriod() : null;
        if (statsPeriod != null && statsPeriod > 0) {
            // As libvirt with QEMU: <memballoon><stats period='N'/> makes the guest report every N seconds.
            try {
                client.execute("balloon-stats-period", JsonLineClient.arguments().put("seconds", statsPeriod),
                        KvmGuest.COMMAND_TIMEOUT);
            } catch (MonitorException e) {
                guest.destroy();
                throw error(ErrorCode.OPERATION_FAILED, "cannot set the balloon statistics period of domain '%s': %s",
                        name, e.getMessage());
            }
        }
        if (paused) {
            try {
                client.execute("stop", null, KvmGuest.COMMAND_TIMEOUT);
            } catch (MonitorException e) {
                guest.destroy();
                throw error(ErrorCode.OPERATION_FAILED, "cannot pause domain '%s' at start: %s", name, e.getMessage());
            }
        }
        return guest;
    }

    /**
     * Connects to a starting VMM's monitor, retrying until its socket exists. Fails, leaving nothing running,
     * when the process ends first (with its log's tail) or does not come up in time.
     */
    private JsonLineClient connect(String name, GuestProcess process, Path socket, Duration timeout, Path log,
                                   long logStart) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                reap(process);
                throw error(ErrorCode.INTERNAL_ERROR, "process exited while connecting to monitor: %s (see %s)",
                        logTail(log, logStart), log);
            }
            try {
                JsonLineClient client = JsonLineClient.connect(socket, Duration.ofMillis(100), "kvm-" + name);
                long pid = client.greeting().path("vireo").path("pid").asLong(-1);
                if (pid != process.pid()) {
                    client.close();
                    throw new IOException("the monitor at " + socket + " belongs to pid " + pid);
                }
                return client;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    end(process);
                    throw error(ErrorCode.OPERATION_FAILED,
                            "VMM of domain '%s' did not open its monitor %s within %d s: %s (see %s)", name, socket,
                            timeout.toSeconds(), logTail(log, logStart), log);
                }
            }
        }
    }

    private static void reap(GuestProcess process) {
        try {
            process.awaitEnd(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void end(GuestProcess process) {
        try {
            process.terminate(KvmGuest.QUIT_GRACE);
        } catch (IOException e) {
            LOG.error("Cannot end VMM pid {}: {}", process.pid(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines the VMM wrote since {@code from}, on one line each as libvirt quotes QEMU's log. */
    static String logTail(Path log, long from) {
        String text;
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(from, f.length() - 64 * 1024);
            byte[] b = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(b);
            text = new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read the log: " + e.getMessage() + ")";
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.contains(": starting up: ")) {
                lines.add(line.strip());
            }
        }
        if (lines.isEmpty()) {
            return "(no output)";
        }
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        return tail.length() > LOG_TAIL_CHARS ? "..." + tail.substring(tail.length() - LOG_TAIL_CHARS) : tail;
    }

    /** The names openConsole accepts: the serial port's and the console's aliases. */
    private static Set<String> consoleNames(DomainDef live) {
        Set<String> names = new HashSet<>();
        for (CharDeviceDef c : live.devices().getSerials()) {
            names.add(c.getAlias() == null ? KvmDomainConfig.SERIAL_ALIAS : c.getAlias());
        }
        for (CharDeviceDef c : live.devices().getConsoles()) {
            names.add(c.getAlias() == null ? KvmDomainConfig.CONSOLE_ALIAS : c.getAlias());
        }
        return names;
    }

    @Override
    public RunningGuest reattach(DomainDef live, GuestPaths paths, LiveRecord record, GuestListener listener) {
        String name = live.getName();
        GuestProcess process = GuestProcess.find(record.pid(), record.startTicks()).orElse(null);
        if (process == null) {
            return null;
        }
        Path monitor = Path.of(record.runtime().getOrDefault(RUNTIME_MONITOR, paths.monitorSocket().toString()));
        Path console = Path.of(record.runtime().getOrDefault(RUNTIME_CONSOLE, paths.consoleSocket(0).toString()));
        JsonLineClient client;
        try {
            client = JsonLineClient.connect(monitor, REATTACH_TIMEOUT, "kvm-" + name);
            long pid = client.greeting().path("vireo").path("pid").asLong(-1);
            if (pid != record.pid()) {
                client.close();
                throw new IOException("the monitor belongs to pid " + pid + ", not " + record.pid());
            }
        } catch (IOException e) {
            // A VMM whose monitor cannot be reached cannot be driven: end it rather than leave it behind.
            LOG.error("Domain '{}': cannot reach the monitor of VMM pid {} ({}); ending it", name, record.pid(),
                    e.getMessage());
            end(process);
            return null;
        }
        return new KvmGuest(name, process, monitor, console, consoleNames(live), consoles, listener).attach(client);
    }
}
