package io.vireo.driver.qemu;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.driver.qemu.argv.QemuCommandLine;
import io.vireo.driver.qemu.argv.QemuIds;
import io.vireo.driver.qemu.argv.QemuLaunch;
import io.vireo.driver.support.console.ConsoleSockets;
import io.vireo.driver.support.domain.GuestBackend;
import io.vireo.driver.support.domain.GuestListener;
import io.vireo.driver.support.domain.GuestPaths;
import io.vireo.driver.support.domain.LiveRecord;
import io.vireo.driver.support.domain.RunningGuest;
import io.vireo.driver.support.monitor.JsonLineClient;
import io.vireo.driver.support.monitor.MonitorException;
import io.vireo.driver.support.process.GuestProcess;
import io.vireo.xml.domain.ClockDef;
import io.vireo.xml.domain.DeviceDef;
import io.vireo.xml.domain.CharDeviceDef;
import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.GraphicsDef;
import io.vireo.xml.domain.InterfaceDef;
import io.vireo.xml.domain.OsDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts guests as qemu-system processes and finds them again: definition defaults and checks, host
 * resources (VNC port), the command line, the detached launch, and the QMP handshake.
 */
final class QemuBackend implements GuestBackend {
    private static final Logger LOG = LoggerFactory.getLogger(QemuBackend.class);
    private static final Duration MONITOR_TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String emulator;
    private final Duration destroyGrace;
    private final ConsoleSockets consoles = new ConsoleSockets(ErrorDomain.QEMU);
    /** Runs what a guest's events ask for (ending or resetting it) off the monitor's reader thread. */
    private final ExecutorService actions = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "vireo-qemu-action");
        t.setDaemon(true);
        return t;
    });
    private volatile long version = -1;

    QemuBackend(String emulator, int destroyGraceSeconds) {
        this.emulator = emulator;
        this.destroyGrace = Duration.ofSeconds(Math.max(destroyGraceSeconds, 0));
    }

    String emulator() {
        return emulator;
    }

    static boolean kvmAvailable() {
        return Files.isReadable(Path.of("/dev/kvm")) && Files.isWritable(Path.of("/dev/kvm"));
    }

    /** The emulator's version as libvirt numbers it (major * 1,000,000 + minor * 1,000 + micro). */
    long emulatorVersion() {
        if (version < 0) {
            try {
                Process p = new ProcessBuilder(emulator, "--version").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                Matcher m = Pattern.compile("version (\\d+)\\.(\\d+)\\.(\\d+)").matcher(out);
                version = m.find() ? Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2)) * 1_000
                        + Long.parseLong(m.group(3)) : 0;
            } catch (IOException e) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, "Cannot run %s: %s", emulator,
                        e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return version;
    }

    // Definitions

    @Override
    public void complete(DomainDef def) {
        String type = def.getType();
        if (!"qemu".equals(type) && !"kvm".equals(type)) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "unsupported configuration: Emulator '%s' does not support virt type '%s'", emulator, type);
        }
        OsDef os = def.os();
        if (os.getType() != null && !"hvm".equals(os.getType())) {
            throw VirtException.of(ErrorCode.OS_TYPE, ErrorDomain.QEMU, "%s", os.getType());
        }
        os.setType("hvm");
        if (os.getArch() == null) {
            os.setArch("x86_64");
        }
        if (os.getMachine() == null) {
            os.setMachine("pc");
        }
        if (os.getBootDevices().isEmpty() && os.getKernel() == null
                && def.getDisks().stream().noneMatch(d -> d.getBootOrder() != null)) {
            os.getBootDevices().add("hd");
        }
        if (def.getCurrentMemoryKiB() == null || def.getCurrentMemoryKiB() > def.getMemoryKiB()) {
            def.setCurrentMemoryKiB(def.getMemoryKiB());
        }
        if (def.getVcpuPlacement() == null) {
            def.setVcpuPlacement("static");
        }
        if (def.getClock() == null) {
            def.setClock(new ClockDef());
        }
        if (def.getClock().getOffset() == null) {
            def.getClock().setOffset("utc");
        }
        if (def.getOnPoweroff() == null) {
            def.setOnPoweroff("destroy");
        }
        if (def.getOnReboot() == null) {
            def.setOnReboot("restart");
        }
        if (def.getOnCrash() == null) {
            def.setOnCrash("destroy");
        }
        if (def.devices().getEmulator() == null) {
            def.devices().setEmulator(emulator);
        }
        for (DiskDef disk : def.getDisks()) {
            completeDevice(disk);
        }
        for (InterfaceDef net : def.getInterfaces()) {
            completeDevice(net);
        }
        // What the command line cannot express is refused now, at define, rather than at every start.
        DomainDef probe = def.copy();
        choseChannelSockets(probe, i -> Path.of("/nonexistent/channel" + i));
        QemuCommandLine.build(probe, placeholderLaunch(def));
    }

    /** A generated MAC for an interface without one; runtime aliases dropped (user aliases, ua-*, stay). */
    @Override
    public void completeDevice(DeviceDef device) {
        if (device.getAlias() != null && !device.getAlias().startsWith("ua-")) {
            device.setAlias(null);
        }
        if (device instanceof InterfaceDef net && net.getMac() == null) {
            net.setMac(String.format("52:54:00:%02x:%02x:%02x", RANDOM.nextInt(256), RANDOM.nextInt(256),
                    RANDOM.nextInt(256)));
        }
    }

    /** The tap of interface {@code index} when the XML names none: unique among this daemon's running guests. */
    static String tapName(DomainDef live, int index) {
        return "vnet" + live.getId() + "_" + index;
    }

    private QemuLaunch placeholderLaunch(DomainDef def) {
        List<String> sockets = new ArrayList<>();
        List<String> taps = new ArrayList<>();
        for (int i = 0; i < serialCount(def); i++) {
            sockets.add("/nonexistent/serial" + i);
        }
        for (int i = 0; i < def.getInterfaces().size(); i++) {
            taps.add("vnet" + i);
        }
        return new QemuLaunch(emulator, "/nonexistent/monitor", sockets, List.of(), 5900, taps, true);
    }

    /** Serial ports QEMU gets: one per {@code <serial>}, or one for a lone {@code <console>}. */
    static int serialCount(DomainDef def) {
        int serials = def.devices().getSerials().size();
        return serials > 0 ? serials : (def.devices().getConsoles().isEmpty() ? 0 : 1);
    }

    // Starting

    @Override
    public RunningGuest start(DomainDef live, GuestPaths paths, boolean paused, GuestListener listener) {
        if ("kvm".equals(live.getType()) && !kvmAvailable()) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "Domain requires KVM, but it is not available. Check that virtualization is enabled in the "
                            + "host BIOS, and host configuration is setup to load the kvm modules.");
        }
        checkFiles(live);
        List<String> sockets = new ArrayList<>();
        for (int i = 0; i < serialCount(live); i++) {
            sockets.add(paths.consoleSocket(i).toString());
        }
        // The live definition names every disk and interface the way QEMU knows it, so that hot-plug and
        // statistics find them after devices come and go, and after a daemon restart.
        for (DiskDef disk : live.getDisks()) {
            disk.setAlias(QemuIds.disk(disk));
        }
        List<String> taps = new ArrayList<>();
        for (int i = 0; i < live.getInterfaces().size(); i++) {
            InterfaceDef net = live.getInterfaces().get(i);
            net.setAlias(QemuIds.net(i, net));
            if (net.getTargetDev() == null) {
                net.setTargetDev(tapName(live, i));
            }
            taps.add(net.getTargetDev());
        }
        List<String> channels = choseChannelSockets(live, paths::channelSocket);
        int vnc = reserveVncPort(live);
        QemuLaunch launch = new QemuLaunch(emulator, paths.monitorSocket().toString(), sockets, List.of(), vnc, taps,
                kvmAvailable());
        List<String> argv = QemuCommandLine.build(live, launch);
        removeStale(paths, sockets);
        removeStale(paths, channels);
        long logStart = logCommand(paths.processLog(), argv);
        GuestProcess process;
        try {
            process = GuestProcess.launch(argv, paths.processLog(), Map.of());
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, "Cannot run %s: %s", emulator,
                    e.getMessage());
        }
        JsonLineClient qmp = null;
        try {
            qmp = connectMonitor(process, paths.monitorSocket(), paths.processLog(), logStart);
            QemuGuest guest = new QemuGuest(process, qmp, live, paths, sockets, consoles, listener, actions,
                    destroyGrace, emulator);
            guest.startMonitoring();
            for (InterfaceDef net : live.getInterfaces()) {
                Taps.bringUp(process.pid(), net);
            }
            if (!paused) {
                guest.resume();
            }
            return guest;
        } catch (RuntimeException e) {
            if (qmp != null) {
                qmp.close();
            }
            kill(process);
            removeStale(paths, sockets);
            removeStale(paths, channels);
            throw e;
        }
    }

    /** libvirt checks the files a guest needs before it starts one: the error names the file. */
    private static void checkFiles(DomainDef def) {
        OsDef os = def.os();
        for (String file : new String[] {os.getKernel(), os.getInitrd()}) {
            if (file != null && !Files.isReadable(Path.of(file))) {
                throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                        "Cannot access storage file '%s': %s", file, Files.exists(Path.of(file))
                                ? "Permission denied" : "No such file or directory");
            }
        }
        for (DiskDef disk : def.getDisks()) {
            checkDisk(disk);
        }
    }

    /** A disk's source must be there and readable, or the error names it (as libvirt's does). */
    static void checkDisk(DiskDef disk) {
        String source = disk.getSourceFile() != null ? disk.getSourceFile() : disk.getSourceDev();
        if (source == null) {
            return;
        }
        Path p = Path.of(source);
        if (!Files.exists(p)) {
            throw VirtException.of(ErrorCode.NO_SOURCE, ErrorDomain.QEMU,
                    "Cannot access storage file '%s': No such file or directory", source);
        }
        if (!Files.isReadable(p) || Files.isDirectory(p)) {
            throw VirtException.of(ErrorCode.NO_SOURCE, ErrorDomain.QEMU, "Cannot access storage file '%s': %s",
                    source, Files.isDirectory(p) ? "Is a directory" : "Permission denied");
        }
    }

    /** For a VNC display with autoport, the first free port from 5900, as libvirt picks it. */
    private static int reserveVncPort(DomainDef def) {
        for (GraphicsDef g : def.devices().getGraphics()) {
            boolean auto = Boolean.TRUE.equals(g.getAutoport()) || g.getPort() == null || g.getPort() == -1;
            if ("vnc".equals(g.getType()) && auto) {
                for (int port = 5900; port < 65535; port++) {
                    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                        g.setPort(port);
                        return port;
                    } catch (IOException busy) {
                        // next one
                    }
                }
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, "Unable to find an unused port");
            }
        }
        return 0;
    }

    /**
     * Gives each Unix {@code <channel>} whose XML names no socket one of {@code socketFor(index)}, shown in the
     * live XML as libvirt does; returns the sockets QEMU will create for channels, chosen or given.
     */
    static List<String> choseChannelSockets(DomainDef def, java.util.function.IntFunction<Path> socketFor) {
        List<String> chosen = new ArrayList<>();
        List<CharDeviceDef> channels = def.devices().getChannels();
        for (int i = 0; i < channels.size(); i++) {
            CharDeviceDef c = channels.get(i);
            if ("unix".equals(c.getType())) {
                if (c.getSourcePath() == null) {
                    c.setSourceMode("bind");
                    c.setSourcePath(socketFor.apply(i).toString());
                }
                chosen.add(c.getSourcePath());
            }
        }
        return chosen;
    }

    private static void removeStale(GuestPaths paths, List<String> sockets) {
        try {
            Files.deleteIfExists(paths.monitorSocket());
            for (String s : sockets) {
                Files.deleteIfExists(Path.of(s));
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove old sockets of '{}': {}", paths.name(), e.getMessage());
        }
    }

    /** Appends the command line to the guest's log, as libvirt does; returns where this start's output begins. */
    private static long logCommand(Path log, List<String> argv) {
        try {
            Files.createDirectories(log.getParent());
            String line = Instant.now() + " starting up: " + String.join(" ", argv) + "\n";
            Files.writeString(log, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return Files.size(log);
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "cannot write the log %s: %s", log,
                    e.getMessage());
        }
    }

    private JsonLineClient connectMonitor(GuestProcess process, Path socket, Path log, long logStart) {
        long deadline = System.nanoTime() + MONITOR_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU,
                        "process exited while connecting to monitor: %s", logTail(log, logStart));
            }
            if (Files.exists(socket)) {
                try {
                    JsonLineClient qmp = JsonLineClient.connect(socket, Duration.ofSeconds(2), "qemu-" + process.pid());
                    try {
                        qmp.start(e -> { }, () -> { });
                        qmp.execute("qmp_capabilities", null, Duration.ofSeconds(10));
                        return qmp;
                    } catch (MonitorException e) {
                        qmp.close();
                        throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU,
                                "QMP negotiation failed: %s", e.getMessage());
                    }
                } catch (IOException e) {
                    LOG.debug("QMP of pid {} not ready: {}", process.pid(), e.getMessage());
                }
            }
            if (System.nanoTime() > deadline) {
                throw VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.QEMU,
                        "monitor socket did not show up: %s", socket);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw VirtException.of(ErrorCode.OPERATION_ABORTED, ErrorDomain.QEMU, "interrupted while starting");
            }
        }
    }

    /** What the emulator wrote since {@code from}, trimmed to its last lines: the reason a start failed. */
    static String logTail(Path log, long from) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(from, f.length() - 4096);
            f.seek(start);
            byte[] b = new byte[(int) (f.length() - start)];
            f.readFully(b);
            String text = new String(b, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(no output; see " + log + ")" : text.replace('\n', ' ');
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private void kill(GuestProcess process) {
        try {
            process.terminate(Duration.ofSeconds(2));
        } catch (IOException e) {
            LOG.error("QEMU pid {} does not end: {}", process.pid(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Reattaching

    @Override
    public RunningGuest reattach(DomainDef live, GuestPaths paths, LiveRecord record, GuestListener listener) {
        GuestProcess process = GuestProcess.find(record.pid(), record.startTicks()).orElse(null);
        if (process == null) {
            return null;
        }
        Path monitor = Path.of(record.runtime().getOrDefault(QemuGuest.RUNTIME_MONITOR,
                paths.monitorSocket().toString()));
        List<String> sockets = QemuGuest.sockets(record.runtime());
        try {
            JsonLineClient qmp = JsonLineClient.connect(monitor, Duration.ofSeconds(2), "qemu-" + process.pid());
            qmp.start(e -> { }, () -> { });
            qmp.execute("qmp_capabilities", null, Duration.ofSeconds(5));
            QemuGuest guest = new QemuGuest(process, qmp, live, paths, sockets, consoles, listener, actions,
                    destroyGrace, emulator);
            guest.startMonitoring();
            return guest;
        } catch (IOException | MonitorException e) {
            LOG.error("Cannot reach QMP of '{}' at {}: {}", live.getName(), monitor, e.getMessage());
            return null;
        }
    }

    void close() {
        actions.shutdown();
    }
}
