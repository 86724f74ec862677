package io.vireo.driver.support.domain;

import io.vireo.api.ConsoleStream;
import io.vireo.driver.support.process.GuestProcess;

import java.util.Map;

/**
 * One guest whose process runs, as its driver drives it. Methods block until the guest has done what was
 * asked (or refuse with a {@link io.vireo.api.VirtException}); the domain table does the state checks and
 * the events, so a backend only talks to its process.
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
}
