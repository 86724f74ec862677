package io.vireo.driver.qemu;

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
import io.vireo.driver.support.domain.GuestPaths;
import io.vireo.driver.support.domain.RunningGuest;
import io.vireo.driver.support.monitor.JsonLineClient;
import io.vireo.driver.support.monitor.MonitorException;
import io.vireo.driver.support.process.GuestProcess;
import io.vireo.driver.qemu.argv.QemuCommandLine;
import io.vireo.driver.qemu.argv.QemuIds;
import io.vireo.driver.qemu.argv.QemuLaunch;
import io.vireo.xml.domain.DeviceDef;
import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.GraphicsDef;
import io.vireo.xml.domain.InterfaceDef;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

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
    private final String emulator;
    /** Devices whose removal was asked for, by id, until QEMU reports them deleted. */
    private final Map<String, PendingRemoval> removals = new ConcurrentHashMap<>();
    /** How the process is ending, once something has decided it should end. */
    private volatile GuestExit ending;
    /** A reboot was asked for: the next guest shutdown is answered with a reset. */
    private volatile boolean fakeReboot;
    /** Pauses this daemon asked for, so that QMP's STOP events for them are not reported as foreign pauses. */
    private volatile boolean pausing;

    QemuGuest(GuestProcess process, JsonLineClient qmp, DomainDef live, GuestPaths paths, List<String> serialSockets,
              ConsoleSockets consoles, GuestListener listener, ExecutorService actions, Duration destroyGrace,
              String emulator) {
        this.process = process;
        this.qmp = qmp;
        this.live = live;
        this.paths = paths;
        this.serialSockets = List.copyOf(serialSockets);
        this.consoles = consoles;
        this.listener = listener;
        this.actions = actions;
        this.destroyGrace = destroyGrace;
        this.emulator = emulator;
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
        if (!hasBalloon()) {
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
            case "DEVICE_DELETED" -> onDeviceDeleted(data.path("device").asText(""));
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

    // Memory

    private boolean hasBalloon() {
        return live.devices().getMemballoon() == null || !"none".equals(live.devices().getMemballoon().getModel());
    }

    @Override
    public void setMemory(long kib) {
        if (!hasBalloon()) {
            RunningGuest.super.setMemory(kib);
        }
        execute("balloon", JsonLineClient.arguments().put("value", kib * 1024));
    }

    // Devices

    /** The command line a cold start of {@code plan} would get, with this guest's runtime facts. */
    private List<String> argvFor(DomainDef plan) {
        List<String> taps = new ArrayList<>();
        for (InterfaceDef n : plan.getInterfaces()) {
            taps.add(n.getTargetDev());
        }
        int vnc = 0;
        for (GraphicsDef g : plan.devices().getGraphics()) {
            if (g.getPort() != null && g.getPort() > 0) {
                vnc = g.getPort();
            }
        }
        return QemuCommandLine.build(plan, new QemuLaunch(emulator, paths.monitorSocket().toString(), serialSockets,
                List.of(), vnc, taps, QemuBackend.kvmAvailable()));
    }

    /** The value of the {@code option} argument whose {@code key} is {@code value}. */
    private static String option(List<String> argv, String option, String key, String value) {
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals(option) && value.equals(QmpArgs.value(argv.get(i + 1), key))) {
                return argv.get(i + 1);
            }
        }
        throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, "no %s with %s=%s", option, key, value);
    }

    @Override
    public void attachDevice(DomainDef current, DeviceDef device) {
        DomainDef plan = current.copy();
        if (device instanceof DiskDef disk) {
            QemuBackend.checkDisk(disk);
            disk.setAlias(QemuIds.disk(disk));
            plan.devices().getDisks().add(disk);
            List<String> argv = argvFor(plan);
            String id = disk.getAlias();
            execute("blockdev-add", QmpArgs.blockdev(option(argv, "-blockdev", "node-name", QemuIds.diskFileNode(id))));
            try {
                execute("blockdev-add", QmpArgs.blockdev(option(argv, "-blockdev", "node-name", QemuIds.diskNode(id))));
                try {
                    execute("device_add", QmpArgs.device(option(argv, "-device", "id", id)));
                } catch (VirtException e) {
                    quietly("blockdev-del", JsonLineClient.arguments().put("node-name", QemuIds.diskNode(id)));
                    throw e;
                }
            } catch (VirtException e) {
                quietly("blockdev-del", JsonLineClient.arguments().put("node-name", QemuIds.diskFileNode(id)));
                throw e;
            }
        } else if (device instanceof InterfaceDef net) {
            int index = 0;
            while (aliasTaken(current, "net" + index)) {
                index++;
            }
            net.setAlias("net" + index);
            if (net.getTargetDev() == null) {
                net.setTargetDev(QemuBackend.tapName(current, index));
            }
            plan.devices().getInterfaces().add(net);
            List<String> argv = argvFor(plan);
            String id = net.getAlias();
            execute("netdev_add", QmpArgs.netdev(option(argv, "-netdev", "id", QemuIds.netdev(id))));
            try {
                Taps.bringUp(process.pid(), net);
                execute("device_add", QmpArgs.device(option(argv, "-device", "id", id)));
            } catch (RuntimeException e) {
                quietly("netdev_del", JsonLineClient.arguments().put("id", QemuIds.netdev(id)));
                throw e;
            }
        } else {
            RunningGuest.super.attachDevice(current, device);
        }
    }

    private static boolean aliasTaken(DomainDef def, String alias) {
        return def.getInterfaces().stream().anyMatch(i -> alias.equals(i.getAlias()));
    }

    private void quietly(String command, ObjectNode args) {
        try {
            qmp.execute(command, args, QMP_TIMEOUT);
        } catch (MonitorException e) {
            LOG.warn("{}: {} {} failed: {}", live.getName(), command, args, e.getMessage());
        }
    }

    private static final class PendingRemoval {
        final DeviceDef device;
        final CountDownLatch deleted = new CountDownLatch(1);
        volatile boolean abandoned;

        PendingRemoval(DeviceDef device) {
            this.device = device;
        }
    }

    @Override
    public boolean detachDevice(DomainDef current, DeviceDef device) {
        if (!(device instanceof DiskDef) && !(device instanceof InterfaceDef)) {
            return RunningGuest.super.detachDevice(current, device);
        }
        String id = device.getAlias();
        PendingRemoval pending = new PendingRemoval(device);
        removals.put(id, pending);
        try {
            execute("device_del", JsonLineClient.arguments().put("id", id));
        } catch (VirtException e) {
            removals.remove(id);
            throw e;
        }
        // The guest has to let go of the device (PCI unplug is a request): wait a while, as libvirt does.
        try {
            if (pending.deleted.await(5, TimeUnit.SECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pending.abandoned = true;
        return false;
    }

    private void onDeviceDeleted(String id) {
        PendingRemoval pending = removals.remove(id);
        if (pending == null) {
            return;
        }
        actions.execute(() -> {
            if (pending.device instanceof DiskDef) {
                quietly("blockdev-del", JsonLineClient.arguments().put("node-name", QemuIds.diskNode(id)));
                quietly("blockdev-del", JsonLineClient.arguments().put("node-name", QemuIds.diskFileNode(id)));
            } else {
                quietly("netdev_del", JsonLineClient.arguments().put("id", QemuIds.netdev(id)));
            }
            pending.deleted.countDown();
            if (pending.abandoned) {
                listener.deviceRemoved(this, pending.device);
            }
        });
    }

    // Statistics

    @Override
    public BlockStats blockStats(DomainDef current, DiskDef disk) {
        String id = disk.getAlias() != null ? disk.getAlias() : QemuIds.disk(disk);
        for (JsonNode entry : execute("query-blockstats", null)) {
            String qdev = entry.path("qdev").asText("");
            if (qdev.equals(id) || qdev.contains("/" + id + "/") || qdev.endsWith("/" + id)
                    || QemuIds.diskNode(id).equals(entry.path("node-name").asText())) {
                JsonNode st = entry.path("stats");
                return new BlockStats(st.path("rd_operations").asLong(), st.path("rd_bytes").asLong(),
                        st.path("wr_operations").asLong(), st.path("wr_bytes").asLong(),
                        st.path("failed_rd_operations").asLong() + st.path("failed_wr_operations").asLong()
                                + st.path("failed_flush_operations").asLong());
            }
        }
        throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU,
                "cannot find statistics for device '%s'", disk.getTargetDev());
    }

    @Override
    public InterfaceStats interfaceStats(DomainDef current, InterfaceDef net) {
        return Taps.stats(process.pid(), net.getTargetDev());
    }

    // Monitor passthrough

    @Override
    public String monitorCommand(String command, boolean hmp) {
        try {
            if (hmp) {
                return qmp.execute("human-monitor-command",
                        JsonLineClient.arguments().put("command-line", command), QMP_TIMEOUT).asText();
            }
            JsonNode request = new com.fasterxml.jackson.databind.ObjectMapper().readTree(command);
            if (!request.hasNonNull("execute")) {
                throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU,
                        "a QMP command is a JSON object with \"execute\"");
            }
            ObjectNode args = request.get("arguments") instanceof ObjectNode o ? o : null;
            try {
                JsonNode ret = qmp.execute(request.get("execute").asText(), args, QMP_TIMEOUT);
                ObjectNode reply = JsonLineClient.arguments();
                reply.set("return", ret);
                if (request.has("id")) {
                    reply.set("id", request.get("id"));
                }
                return reply.toString();
            } catch (MonitorException e) {
                if (MonitorException.DISCONNECTED.equals(e.errorClass()) || MonitorException.TIMEOUT.equals(e.errorClass())) {
                    throw e;
                }
                ObjectNode reply = JsonLineClient.arguments();
                reply.putObject("error").put("class", e.errorClass()).put("desc", e.getMessage());
                return reply.toString();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.QEMU, "not JSON: %s",
                    e.getOriginalMessage());
        } catch (MonitorException e) {
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "monitor command failed: %s",
                    e.getMessage());
        }
    }

    /** Serial sockets as recorded, for tests. */
    List<String> serialSockets() {
        return new ArrayList<>(serialSockets);
    }
}
