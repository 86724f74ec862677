package io.vireo.api.spi;

import java.util.UUID;

/**
 * Optional role of QEMU-based drivers: a raw monitor command ({@code virDomainQemuMonitorCommand}), QMP
 * JSON, or a human-monitor command line with {@link #HMP}. Like libvirt, it bypasses the driver's view of
 * the guest: unsupported by Vireo when it changes state behind the driver's back.
 */
public interface QemuMonitorCommands {
    /** VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP. */
    int HMP = 1;

    /** The reply as QEMU gave it: a QMP JSON object, or the human monitor's text. */
    String monitorCommand(UUID uuid, String command, int flags);
}
