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

    /** The monitor socket: in the run directory, or its short stand-in when that path is too long to bind. */
    public Path monitorSocket() {
        return SocketPaths.fitting(runDirectory.resolve(name + ".monitor"));
    }

    /** The socket of serial port {@code port}'s console, shortened like {@link #monitorSocket()}. */
    public Path consoleSocket(int port) {
        return SocketPaths.fitting(runDirectory.resolve(name + ".serial" + port));
    }

    /** The socket of the {@code index}th {@code <channel>} when its XML names none, shortened like {@link #monitorSocket()}. */
    public Path channelSocket(int index) {
        return SocketPaths.fitting(runDirectory.resolve(name + ".channel" + index));
    }

    /** stdout and stderr of the guest process, appended across starts (libvirt: /var/log/libvirt/DRIVER/NAME.log). */
    public Path processLog() {
        return runDirectory.resolve(name + ".log");
    }
}
