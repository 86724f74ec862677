package io.vireo.driver.support.domain;

import java.nio.file.Path;

/**
 * Where one guest's live files go in the driver's run directory: its status record and live definition,
 * its monitor and console sockets, and the log of its process's output.
 */
public record GuestPaths(Path runDirectory, String name) {
    public Path liveDefinition() {
        return runDirectory.resolve(name + ".xml");
    }

    public Path status() {
        return runDirectory.resolve(name + ".status");
    }

    public Path monitorSocket() {
        return runDirectory.resolve(name + ".monitor");
    }

    /** The socket of serial port {@code port}'s console. */
    public Path consoleSocket(int port) {
        return runDirectory.resolve(name + ".serial" + port);
    }

    /** stdout and stderr of the guest process, appended across starts (libvirt: /var/log/libvirt/DRIVER/NAME.log). */
    public Path processLog() {
        return runDirectory.resolve(name + ".log");
    }
}
