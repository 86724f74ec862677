package io.vireo.driver.qemu.argv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What the command line depends on that the domain XML does not say: facts the driver settles just before
 * it starts a guest (paths under its run directory, the VNC port it reserved, the taps it created, whether
 * this host can run KVM). Keeping them here keeps {@link QemuCommandLine#build} a pure function.
 *
 * <p>Lists are indexed by device order in the XML: {@code serialSockets.get(0)} is the socket of the first
 * serial port (or of the console when the domain only has a console), {@code taps.get(1)} the tap of the
 * second {@code <interface>}. A list may be longer than needed; a missing entry the XML needs is a driver
 * bug and fails the build with {@code INTERNAL_ERROR}.
 *
 * @param binary        the QEMU executable, the first argument (the XML's {@code <emulator>} is not used:
 *                      the driver decides which binary it trusts)
 * @param monitorSocket the Unix socket QEMU listens on for QMP
 * @param serialSockets per serial port, the Unix socket QEMU listens on; the daemon attaches to it for the
 *                      console and to keep the port draining
 * @param serialLogs    per serial port, a log file the driver wants when the XML names none; entries may be
 *                      null, the list may be empty. The XML's {@code <log file>} always wins
 * @param vncPort       the TCP port reserved for a VNC display with {@code autoport='yes'} (5900 or above), or
 *                      0 when none was reserved
 * @param taps          per interface, the name of the tap device the driver created (and, for bridge
 *                      interfaces, attached to the bridge); QEMU opens it by name
 * @param kvm           KVM is usable on this host; {@code <domain type='kvm'>} requires it, and
 *                      {@code type='qemu'} runs under TCG even when it is true
 */
public record QemuLaunch(String binary, String monitorSocket, List<String> serialSockets, List<String> serialLogs,
        int vncPort, List<String> taps, boolean kvm) {

    public QemuLaunch {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(monitorSocket, "monitorSocket");
        serialSockets = copy(serialSockets);
        serialLogs = copy(serialLogs);
        taps = copy(taps);
    }

    /** The socket of serial port {@code index}, or null when the driver chose none. */
    public String serialSocket(int index) {
        return index < serialSockets.size() ? serialSockets.get(index) : null;
    }

    /** The driver's default log file of serial port {@code index}, or null. */
    public String serialLog(int index) {
        return index < serialLogs.size() ? serialLogs.get(index) : null;
    }

    /** The tap of interface {@code index}, or null when the driver created none. */
    public String tap(int index) {
        return index < taps.size() ? taps.get(index) : null;
    }

    /** Unmodifiable, null entries allowed (List.copyOf refuses them). */
    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
