package io.vireo.driver.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vireo.api.ConsoleStream;
import io.vireo.api.DomainStateReason.Reasons;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.driver.support.console.ConsoleSockets;
import io.vireo.driver.support.domain.GuestExit;
import io.vireo.driver.support.domain.GuestListener;
import io.vireo.driver.support.domain.GuestPaths;
import io.vireo.driver.support.domain.RunningGuest;
import io.vireo.driver.support.monitor.JsonLineClient;
import io.vireo.driver.support.monitor.MonitorException;
import io.vireo.driver.support.process.GuestProcess;
import io.vireo.xml.domain.DomainDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * One running qemu-system process, driven over QMP. QEMU runs with {@code -no-shutdown}, so a guest that
 * powers off (or resets with {@code on_reboot='destroy'}) stops and waits: this class then follows the
 * domain's {@code on_poweroff}/{@code on_reboot}, and a reboot asked for through the API is a power-button
 * press answered with a reset (libvirt's "fake reboot").
 */
final class QemuGuest implements RunningGuest {
    static final String RUNTIME_MONITOR = "monitor";
    static final String RUNTIME_SERIALS = "serials";
    private static final Logger LOG = LoggerFactory.getLogger(QemuGuest.class);
    private static final Duration QMP_TIMEOUT = Duration.ofSeconds(30);

    private final GuestProcess process;
    private final JsonLineClient qmp;
    private final DomainDef live;
    private final GuestPaths paths;
    private final List<String> serialSockets;
    private final ConsoleSockets consoles;
    private final GuestListener listener;
    private final ExecutorService actions;
    private final Duration destroyGrace;
    /** How the process is ending, once something has decided it should end. */
    private volatile GuestExit ending;
    /** A reboot was asked for: the next guest shutdown is answered with a reset. */
    private volatile boolean fakeReboot;
    /** Pauses this daemon asked for, so that QMP's STOP events for them are not reported as foreign pauses. */
    private volatile boolean pausing;

    QemuGuest(GuestProcess process, JsonLineClient qmp, DomainDef live, GuestPaths paths, List<String> serialSockets,
              ConsoleSockets consoles, GuestListener listener, ExecutorService actions, Duration destroyGrace) {
        this.process = process;
        this.qmp = qmp;
        this.live = live;
        this.paths = paths;
        this.serialSockets = List.copyOf(serialSockets);
        this.consoles = consoles;
        this.listener = listener;
        this.actions = actions;
        this.destroyGrace = destroyGrace;
    }

    static List<String> sockets(Map<String, String> runtime) {
        String s = runtime.getOrDefault(RUNTIME_SERIALS, "");
        return s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

    void startMonitoring() {
        qmp.listen(this::onEvent, this::onMonitorClosed);
    }

    @Override
    public GuestProcess process() {
        return process;
    }

    @Override
    public Map<String, String> runtime() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put(RUNTIME_MONITOR, paths.monitorSocket().toString());
        r.put(RUNTIME_SERIALS, String.join("\n", serialSockets));
        return r;
    }

    private JsonNode execute(String command, ObjectNode args) {
        try {
            return qmp.execute(command, args, QMP_TIMEOUT);
        } catch (MonitorException e) {
            if (MonitorException.DISCONNECTED.equals(e.errorClass())) {
                throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.QEMU, "domain is not running");
            }
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "%s failed: %s", command,
                    e.getMessage());
        }
    }

    @Override
    public void pause() {
        pausing = true;
        try {
            execute("stop", null);
        } finally {
            pausing = false;
        }
    }

    @Override
    public void resume() {
        execute("cont", null);
    }

    @Override
    public void powerdown() {
        execute("system_powerdown", null);
    }

    @Override
    public void reboot() {
        fakeReboot = true;
        execute("system_powerdown", null);
    }

    @Override
    public void destroy() {
        ending = GuestExit.DESTROYED;
        try {
            process.terminate(destroyGrace);
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "failed to kill qemu pid %d: %s",
                    process.pid(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorCode.OPERATION_ABORTED, ErrorDomain.QEMU, "interrupted while destroying");
        }
        qmp.close();
        cleanUp();
    }

    @Override
    public void detach() {
        qmp.close();
    }

    @Override
    public long currentMemoryKiB() {
        if (live.devices().getMemballoon() == null || "none".equals(live.devices().getMemballoon().getModel())) {
            return -1;
        }
        try {
            return qmp.execute("query-balloon", null, Duration.ofSeconds(2)).path("actual").asLong(-1024) / 1024;
        } catch (MonitorException e) {
            return -1;
        }
    }

    @Override
    public ConsoleStream openConsole(String device, boolean force) {
        int index = 0;
        if (device != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(serial|console)(\\d+)").matcher(device);
            if (!m.matches()) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, "cannot find character device %s",
                        device);
            }
            index = Integer.parseInt(m.group(2));
        }
        if (index >= serialSockets.size()) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, "cannot find character device %s",
                    device == null ? "<null>" : device);
        }
        return consoles.open(Path.of(serialSockets.get(index)), force);
    }

    // Events

    private void onEvent(ObjectNode event) {
        String name = event.path("event").asText();
        JsonNode data = event.path("data");
        switch (name) {
            case "SHUTDOWN" -> onShutdown(data.path("guest").asBoolean(false), data.path("reason").asText(""));
            case "GUEST_PANICKED" -> follow(live.getOnCrash(), GuestExit.CRASHED);
            case "STOP" -> {
                if (!pausing && ending == null && !fakeReboot) {
                    listener.paused(this, Reasons.PAUSED_USER);
                }
            }
            case "RESUME" -> listener.resumed(this);
            default -> LOG.debug("{}: QMP event {}", live.getName(), event);
        }
    }

    private void onShutdown(boolean byGuest, String reason) {
        if (!byGuest) {
            return;
        }
        if (fakeReboot) {
            fakeReboot = false;
            actions.execute(this::resetAndContinue);
            return;
        }
        // A guest reset reaches here only with -no-reboot, that is on_reboot='destroy'.
        String action = "guest-reset".equals(reason) ? live.getOnReboot() : live.getOnPoweroff();
        follow(action, GuestExit.SHUTDOWN);
    }

    /** Carries out an on_poweroff/on_reboot/on_crash action. */
    private void follow(String action, GuestExit exit) {
        if ("restart".equals(action)) {
            actions.execute(this::resetAndContinue);
            return;
        }
        // destroy, and what Vireo does not keep around (preserve, coredump-*): end the process.
        ending = exit;
        actions.execute(() -> {
            try {
                process.terminate(destroyGrace);
            } catch (IOException e) {
                LOG.error("{}: QEMU pid {} does not end: {}", live.getName(), process.pid(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void resetAndContinue() {
        try {
            qmp.execute("system_reset", null, QMP_TIMEOUT);
            qmp.execute("cont", null, QMP_TIMEOUT);
        } catch (MonitorException e) {
            LOG.warn("{}: cannot restart the guest: {}", live.getName(), e.getMessage());
        }
    }

    private void onMonitorClosed() {
        GuestExit exit = ending;
        if (exit == null) {
            // Nothing here decided it: QEMU died (a signal from outside, an emulator error).
            exit = GuestExit.FAILED;
            LOG.warn("{}: QEMU pid {} ended unexpectedly; see {}", live.getName(), process.pid(), paths.processLog());
        }
        GuestExit reported = exit;
        // Reap the child (when it is ours) before reporting, so no zombie outlives the domain.
        actions.execute(() -> {
            try {
                process.awaitEnd(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cleanUp();
            listener.exited(this, reported);
        });
    }

    private void cleanUp() {
        try {
            Files.deleteIfExists(paths.monitorSocket());
            for (String s : serialSockets) {
                Files.deleteIfExists(Path.of(s));
            }
        } catch (IOException e) {
            LOG.debug("{}: cannot remove sockets: {}", live.getName(), e.getMessage());
        }
    }

    /** Serial sockets as recorded, for tests. */
    List<String> serialSockets() {
        return new ArrayList<>(serialSockets);
    }
}
