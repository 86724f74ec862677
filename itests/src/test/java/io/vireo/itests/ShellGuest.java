package io.vireo.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The test guest of the QEMU scenarios: Debian's kernel with a busybox initramfs (tools/guest/
 * build-shell-guest.sh, cached between runs) that prints {@code VIREO-SHELL-READY} on its serial console
 * and powers off on an ACPI power-button press.
 */
final class ShellGuest {
    static final String READY = "VIREO-SHELL-READY";

    private ShellGuest() {
    }

    /** Builds the guest (or finds it cached) and returns the directory holding vmlinuz and initrd.img. */
    static Path build() throws Exception {
        Path script = Path.of(System.getProperty("vireo.repo.root", "..")).resolve("tools/guest/build-shell-guest.sh");
        Process p = new ProcessBuilder("sh", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new AssertionError("build-shell-guest.sh failed");
        }
        return Path.of(out.substring(out.lastIndexOf('\n') + 1));
    }

    /** Waits up to 180 s (TCG on a loaded machine) until {@code marker} appears {@code count} times in {@code log}. */
    static void awaitLog(Path log, String marker, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            if (text.split(Pattern.quote(marker), -1).length - 1 >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + marker + " in " + log);
    }

    /** The PID of guest {@code name}'s QEMU, from the live record the driver keeps in its run directory. */
    static long qemuPid(Path home, String name) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(home.resolve("vireo/run/qemu/" + name + ".status"))) {
            p.load(in);
        }
        return Long.parseLong(p.getProperty("pid").trim());
    }

    /** Alive and not a zombie waiting for init to reap it (init reaps slowly on our machines). */
    static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills guest {@code name}'s QEMU if the distribution left it running (the container's stop does). */
    static void killLeftover(Path home, String name) throws IOException {
        if (Files.exists(home.resolve("vireo/run/qemu/" + name + ".status"))) {
            long pid = qemuPid(home, name);
            if (isRunning(pid)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
