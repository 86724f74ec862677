package io.vireo.driver.kvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vireo.api.BlockStats;
import io.vireo.api.ConsoleStream;
import io.vireo.api.InterfaceStats;
import io.vireo.api.DomainStateReason.Reasons;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.driver.support.console.ConsoleSockets;
import io.vireo.driver.support.domain.GuestExit;
import io.vireo.driver.support.domain.GuestListener;
import io.vireo.driver.support.domain.RunningGuest;
import io.vireo.driver.support.monitor.JsonLineClient;
import io.vireo.driver.support.monitor.MonitorException;
import io.vireo.driver.support.process.GuestProcess;
import io.vireo.driver.support.process.ProcStat;
import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.InterfaceDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.InvalidPathException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One running VMM process, driven over its JSON monitor (drivers/kvm-vmm/MONITOR.md).
 *
 * <p>virDomainShutdown is the monitor's {@code system_powerdown}, virDomainReboot its {@code system_reboot}.
 * A guest with ACPI gets the power button: it powers off through the FADT sleep registers, so a shutdown
 * ends the VMM with reason guest-shutdown, and after a reboot request the VMM turns that power-off into a
 * reset that follows {@code on_reboot} (libvirt's "fake reboot"). A guest without ACPI gets Ctrl-Alt-Del
 * on the i8042, which a Linux guest answers by rebooting: after a reboot request that reset follows
 * {@code on_reboot}; after a shutdown request it ends the VMM (the fake reboot the other way round). Either
 * way the domain shuts off as shut down.
 */
final class KvmGuest implements RunningGuest {
    private static final Logger LOG = LoggerFactory.getLogger(KvmGuest.class);
    /** Time a monitor command may take; pausing waits for every vCPU to leave KVM_RUN. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@code quit} gets before the process is ended by PID. */
    static final Duration QUIT_GRACE = Duration.ofSeconds(2);
    /** How long an ending process gets to go after its monitor closed. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final GuestProcess process;
    private final Path monitorSocket;
    private final Path consoleSocket;
    private final Set<String> consoleNames;
    private final ConsoleSockets consoles;
    private final GuestListener listener;
    private volatile JsonLineClient monitor;
    /** virDomainShutdown asked for the guest to stop: its next reset ends it. */
    private volatile boolean shutdownRequested;
    /** virDomainDestroy is ending the process: its end is not reported to the listener. */
    private volatile boolean destroying;
    /** The reason of the VMM's SHUTDOWN event, once it came. */
    private volatile String shutdownReason;

    KvmGuest(String name, GuestProcess process, Path monitorSocket, Path consoleSocket, Set<String> consoleNames,
             ConsoleSockets consoles, GuestListener listener) {
        this.name = name;
        this.process = process;
        this.monitorSocket = monitorSocket;
        this.consoleSocket = consoleSocket;
        this.consoleNames = Set.copyOf(consoleNames);
        this.consoles = consoles;
        this.listener = listener;
    }

    /** Starts listening on {@code client}, this guest's monitor connection (greeting already read). */
    KvmGuest attach(JsonLineClient client) {
        this.monitor = client;
        client.start(this::onEvent, this::onMonitorClosed);
        return this;
    }

    @Override
    public GuestProcess process() {
        return process;
    }

    @Override
    public Map<String, String> runtime() {
        return Map.of(KvmBackend.RUNTIME_MONITOR, monitorSocket.toString(),
                KvmBackend.RUNTIME_CONSOLE, consoleSocket.toString());
    }

    private JsonNode execute(String command) {
        return execute(command, null);
    }

    private JsonNode execute(String command, ObjectNode arguments) {
        try {
            return monitor.execute(command, arguments, COMMAND_TIMEOUT);
        } catch (MonitorException e) {
            if (MonitorException.DISCONNECTED.equals(e.errorClass())) {
                throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.QEMU, "domain is not running");
            }
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "VMM '%s' refused %s: %s", name,
                    command, e.getMessage());
        }
    }

    @Override
    public void pause() {
        execute("stop");
    }

    @Override
    public void resume() {
        execute("cont");
    }

    @Override
    public void powerdown() {
        shutdownRequested = true;
        execute("system_powerdown");
    }

    @Override
    public void reboot() {
        shutdownRequested = false;
        execute("system_reboot");
    }

    @Override
    public void destroy() {
        destroying = true;
        try {
            try {
                monitor.execute("quit", null, QUIT_GRACE);
            } catch (MonitorException e) {
                LOG.debug("{}: quit: {}", name, e.getMessage());
            }
            if (!process.awaitEnd(QUIT_GRACE)) {
                LOG.warn("Domain '{}': VMM pid {} did not quit within {} ms, ending it", name, process.pid(),
                        QUIT_GRACE.toMillis());
                process.terminate(QUIT_GRACE);
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                    "failed to kill VMM process %d of domain '%s': %s", process.pid(), name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "interrupted while destroying '%s'",
                    name);
        } finally {
            monitor.close();
        }
        removeSockets();
    }

    @Override
    public void detach() {
        monitor.close();
    }

    // Memory: the VMM's virtio balloon (monitor balloon / query-balloon, QEMU's forms)

    @Override
    public long currentMemoryKiB() {
        try {
            return monitor.execute("query-balloon", null, Duration.ofSeconds(2)).path("actual").asLong(-1024) / 1024;
        } catch (MonitorException e) {
            return -1; // no balloon (DeviceNotActive), or the VMM is going away
        }
    }

    @Override
    public void setMemory(long kib) {
        try {
            monitor.execute("balloon", JsonLineClient.arguments().put("value", kib * 1024), COMMAND_TIMEOUT);
        } catch (MonitorException e) {
            if ("DeviceNotActive".equals(e.errorClass())) {
                RunningGuest.super.setMemory(kib); // libvirt's refusal without a balloon
            }
            if (MonitorException.DISCONNECTED.equals(e.errorClass())) {
                throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.QEMU, "domain is not running");
            }
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "VMM '%s' refused balloon: %s", name,
                    e.getMessage());
        }
    }

    @Override
    public void setMemoryStatsPeriod(int seconds) {
        try {
            monitor.execute("balloon-stats-period", JsonLineClient.arguments().put("seconds", seconds), COMMAND_TIMEOUT);
        } catch (MonitorException e) {
            if (MonitorException.DISCONNECTED.equals(e.errorClass())) {
                throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.QEMU, "domain is not running");
            }
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                    "VMM '%s' refused balloon-stats-period: %s", name, e.getMessage());
        }
    }

    /** The balloon's view and the guest's own statistics (query-balloon), the VMM's RSS; without a balloon only rss. */
    @Override
    public Map<String, Long> memoryStats() {
        JsonNode balloon;
        try {
            balloon = monitor.execute("query-balloon", null, Duration.ofSeconds(2));
        } catch (MonitorException e) {
            if (MonitorException.DISCONNECTED.equals(e.errorClass())) {
                throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.QEMU, "domain is not running");
            }
            return RunningGuest.super.memoryStats(); // no balloon (DeviceNotActive)
        }
        return BalloonMemoryStats.of(balloon, ProcStat.rssKiB(process.pid()));
    }

    // Statistics: the VMM's virtio counters (query-stats "virtio")

    @Override
    public BlockStats blockStats(DomainDef live, DiskDef disk) {
        JsonNode d = device("virtio-blk", live.getDisks().indexOf(disk), "path", normalized(disk.getSourceFile()));
        if (d == null) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, "cannot find statistics for device '%s'",
                    disk.getTargetDev());
        }
        return new BlockStats(d.path("rd_req").asLong(-1), d.path("rd_bytes").asLong(-1), d.path("wr_req").asLong(-1),
                d.path("wr_bytes").asLong(-1), d.path("errors").asLong(-1));
    }

    @Override
    public InterfaceStats interfaceStats(DomainDef live, InterfaceDef net) {
        JsonNode n = device("virtio-net", live.getInterfaces().indexOf(net), "tap", net.getTargetDev());
        if (n == null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU,
                    "invalid path, '%s' is not a known interface", net.getTargetDev());
        }
        return new InterfaceStats(n.path("rx_bytes").asLong(-1), n.path("rx_frames").asLong(-1),
                n.path("rx_errors").asLong(-1), n.path("rx_dropped").asLong(-1), n.path("tx_bytes").asLong(-1),
                n.path("tx_frames").asLong(-1), n.path("tx_errors").asLong(-1), n.path("tx_dropped").asLong(-1));
    }

    /**
     * The query-stats entry of one virtio device of {@code type}: the one whose {@code key} is {@code value}, else
     * (a VMM that does not name its devices) the {@code index}th of that type, as the definition's devices become
     * the VMM's in order. Null when there is none.
     */
    private JsonNode device(String type, int index, String key, String value) {
        List<JsonNode> ofType = new java.util.ArrayList<>();
        for (JsonNode d : execute("query-stats").path("virtio")) {
            if (type.equals(d.path("device").asText())) {
                if (value != null && d.has(key)) {
                    if (value.equals(d.path(key).asText())) {
                        return d;
                    }
                } else {
                    ofType.add(d);
                }
            }
        }
        return index >= 0 && index < ofType.size() && ofType.size() > 0 ? ofType.get(index) : null;
    }

    private static String normalized(String path) {
        if (path == null) {
            return null;
        }
        try {
            return Path.of(path).toString(); // as the VMM's --disk argument became a Path
        } catch (InvalidPathException e) {
            return path;
        }
    }

    @Override
    public ConsoleStream openConsole(String device, boolean force) {
        if (device != null && !consoleNames.contains(device)) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, "cannot find character device %s",
                    device);
        }
        return consoles.open(consoleSocket, force);
    }

    // Monitor events, on the monitor's reader thread

    private void onEvent(ObjectNode event) {
        String type = event.path("event").asText();
        String reason = event.path("data").path("reason").asText(null);
        switch (type) {
            case "STOP" -> listener.paused(this, Reasons.PAUSED_USER);
            case "RESUME" -> listener.resumed(this);
            case "RESET" -> {
                LOG.info("Domain '{}' reset ({})", name, reason);
                if (shutdownRequested && reason != null && reason.startsWith("guest-reset")) {
                    // The guest answered the shutdown request by rebooting: it has shut down. Quit from
                    // another thread: this one must go on reading to see the reply.
                    Thread t = new Thread(this::quitAfterShutdown, "vireo-kvm-shutdown-" + name);
                    t.setDaemon(true);
                    t.start();
                }
            }
            case "SHUTDOWN" -> shutdownReason = reason == null ? "unknown" : reason;
            default -> LOG.debug("Domain '{}': monitor event {}", name, event);
        }
    }

    private void quitAfterShutdown() {
        try {
            monitor.execute("quit", null, COMMAND_TIMEOUT);
        } catch (MonitorException e) {
            LOG.debug("{}: quit after shutdown: {}", name, e.getMessage());
        }
    }

    /** The monitor closed without {@link #detach()}: the VMM has ended (or is ending). */
    private void onMonitorClosed() {
        if (destroying) {
            // destroy() waits for the end and cleans up itself.
            return;
        }
        GuestExit exit;
        try {
            exit = awaitExit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = GuestExit.FAILED;
        }
        removeSockets();
        LOG.info("Domain '{}': VMM pid {} ended ({}, shutdown reason {})", name, process.pid(), exit, shutdownReason);
        listener.exited(this, exit);
    }

    private GuestExit awaitExit() throws InterruptedException {
        if (!process.awaitEnd(EXIT_WAIT)) {
            // A VMM that closed its monitor but runs on can no longer be driven: end it.
            LOG.error("Domain '{}': the monitor of VMM pid {} closed but the process runs on; ending it", name,
                    process.pid());
            try {
                process.terminate(QUIT_GRACE);
            } catch (IOException e) {
                LOG.error("Domain '{}': {}", name, e.getMessage());
            }
            return GuestExit.FAILED;
        }
        return classify(shutdownReason, process.child().map(Process::exitValue).orElse(null));
    }

    /**
     * Why the VMM ended: its SHUTDOWN event's reason, and its exit status when this daemon started it. A guest
     * reset (with {@code on_reboot='destroy'} or after a shutdown request), a guest power-off or a quit is a
     * shutdown; an error, a signal, or an end without a SHUTDOWN event is a failure.
     */
    static GuestExit classify(String shutdownReason, Integer exitStatus) {
        if (shutdownReason == null || shutdownReason.equals("error")) {
            return GuestExit.FAILED;
        }
        if (exitStatus != null && exitStatus != 0) {
            return GuestExit.FAILED;
        }
        return switch (shutdownReason) {
            case "guest-reset", "guest-shutdown", "host-quit" -> GuestExit.SHUTDOWN;
            default -> GuestExit.FAILED;
        };
    }

    private void removeSockets() {
        // The VMM removes them itself, unless it was killed.
        try {
            Files.deleteIfExists(monitorSocket);
            Files.deleteIfExists(consoleSocket);
        } catch (IOException e) {
            LOG.warn("Domain '{}': cannot remove its sockets: {}", name, e.getMessage());
        }
    }
}
