package io.vireo.driver.support.domain;

import io.vireo.xml.domain.DomainDef;

/**
 * The hypervisor-specific half of a driver that runs each guest as a process: what a definition may hold,
 * and how to start a guest or find one again. {@link GuestDomains} does the rest.
 */
public interface GuestBackend {
    /**
     * Completes a parsed definition with this hypervisor's defaults (libvirt's post-parse) and refuses
     * what it cannot run, with CONFIG_UNSUPPORTED and a message naming the element. Called on define and create.
     */
    void complete(DomainDef def);

    /** Completes a device about to be attached (a generated MAC, say) and refuses what cannot run. */
    default void completeDevice(io.vireo.xml.domain.DeviceDef device) {
    }

    /**
     * Starts {@code live} (a copy of the definition the guest runs with; the backend may add what it chose,
     * such as a VNC port). The guest is left paused when {@code paused}, else running.
     *
     * @throws io.vireo.api.VirtException naming the file and reason when the guest cannot start; nothing is
     *         left running then
     */
    RunningGuest start(DomainDef live, GuestPaths paths, boolean paused, GuestListener listener);

    /**
     * Finds again a guest started before the daemon restarted, whose process still runs; returns null when
     * it cannot be reached (the caller then treats it as ended).
     */
    RunningGuest reattach(DomainDef live, GuestPaths paths, LiveRecord record, GuestListener listener);
}
