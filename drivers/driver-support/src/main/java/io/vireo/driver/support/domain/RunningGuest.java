package io.vireo.driver.support.domain;

import io.vireo.api.BlockStats;
import io.vireo.api.ConsoleStream;
import io.vireo.api.InterfaceStats;
import io.vireo.driver.support.process.GuestProcess;
import io.vireo.driver.support.process.ProcStat;
import io.vireo.xml.domain.DeviceDef;
import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.InterfaceDef;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One guest whose process runs, as its driver drives it. Methods block until the guest has done what was
 * asked (or refuse with a {@link io.vireo.api.VirtException}); the domain table does the state checks and
 * the events, so a backend only talks to its process. What a backend cannot do it leaves to the defaults,
 * which throw UnsupportedOperationException with a message for the user; the table reports it as
 * OPERATION_UNSUPPORTED.
 */
public interface RunningGuest {
    GuestProcess process();

    /** Driver facts to keep in the live record so {@link GuestBackend#reattach} can find the guest again. */
    Map<String, String> runtime();

    /** Pauses every vCPU. */
    void pause();

    void resume();

    /** Asks the guest to power off (ACPI power button or the like); returns at once. */
    void powerdown();

    /** Asks the guest to reboot; it follows {@code on_reboot}. */
    void reboot();

    /**
     * Ends the guest now and returns once its process has gone. The listener is not told: the table
     * records the stop itself.
     */
    void destroy();

    /** Lets go of the guest without stopping it (the daemon or the driver is going away). */
    void detach();

    /** The guest's current memory in KiB as its balloon reports it, or -1 when unknown. */
    default long currentMemoryKiB() {
        return -1;
    }

    /** Host CPU time the guest used, in nanoseconds. */
    default long cpuTimeNanos() {
        return process().cpuTimeNanos();
    }

    /**
     * Connects to serial console {@code device} ({@code serial0}, or null for the first).
     *
     * @throws io.vireo.api.VirtException when the guest has no such console or it is busy
     */
    ConsoleStream openConsole(String device, boolean force);

    /** Changes the balloon target, in KiB. */
    default void setMemory(long kib) {
        throw new UnsupportedOperationException("Unable to change memory of active domain without the balloon "
                + "device and guest OS balloon driver");
    }

    /** Asks the guest's balloon driver for its statistics every {@code seconds} (0: no more). */
    default void setMemoryStatsPeriod(int seconds) {
        throw new UnsupportedOperationException("this guest's balloon cannot change its statistics period while it runs");
    }

    /** Plugs {@code device} (completed, not yet in {@code live}) into the running guest. */
    default void attachDevice(DomainDef live, DeviceDef device) {
        throw new UnsupportedOperationException("live attach of device '" + DeviceKind.of(device)
                + "' is not supported");
    }

    /**
     * Asks the guest to release {@code device} (one of {@code live}'s). Returns true when it is gone,
     * false when the guest was asked and will finish later ({@link GuestListener#deviceRemoved}).
     */
    default boolean detachDevice(DomainDef live, DeviceDef device) {
        throw new UnsupportedOperationException("live detach of device '" + DeviceKind.of(device)
                + "' is not supported");
    }

    default BlockStats blockStats(DomainDef live, DiskDef disk) {
        throw new UnsupportedOperationException("block statistics are not available for this guest");
    }

    default InterfaceStats interfaceStats(DomainDef live, InterfaceDef net) {
        throw new UnsupportedOperationException("interface statistics are not available for this guest");
    }

    /**
     * libvirt's memory statistics by tag name, in KiB; by default {@code actual} (the balloon's view, when
     * {@link #currentMemoryKiB()} knows it) and what the host sees, the process's {@code rss}.
     */
    default Map<String, Long> memoryStats() {
        Map<String, Long> stats = new LinkedHashMap<>();
        long actual = currentMemoryKiB();
        if (actual > 0) {
            stats.put("actual", actual);
        }
        long rss = ProcStat.rssKiB(process().pid());
        if (rss >= 0) {
            stats.put("rss", rss);
        }
        return stats;
    }

    /** A raw command for the guest's monitor ({@code hmp}: a human-monitor command line), and its reply. */
    default String monitorCommand(String command, boolean hmp) {
        throw new UnsupportedOperationException("monitor commands are not supported by this driver");
    }
}
