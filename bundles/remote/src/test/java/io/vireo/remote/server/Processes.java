package io.vireo.remote.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the real libvirt clients (virsh, python3 with libvirt) and captures what they print. */
final class Processes {

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static final Path VIRSH = Path.of("/usr/bin/virsh");
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private Processes() {
    }

    /**
     * Skips the test when {@code tool} is missing, unless VIREO_REQUIRE_VIRSH=1 (CI), where a missing
     * client is a failure: CI must not pass by testing nothing.
     */
    static void require(Path tool, String why) {
        boolean present = Files.isExecutable(tool);
        if (!present && "1".equals(System.getenv("VIREO_REQUIRE_VIRSH"))) {
            fail(tool + " is missing but VIREO_REQUIRE_VIRSH=1: " + why);
        }
        assumeTrue(present, tool + " not installed: " + why);
    }

    static Result run(List<String> command, Path dir, int timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        // No user config or default URI may leak into what we compare.
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        pb.environment().put("HOME", System.getProperty("java.io.tmpdir"));
        pb.environment().put("LC_ALL", "C");
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            Process p = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread o = pump(p.getInputStream(), out);
            Thread e = pump(p.getErrorStream(), err);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                o.join(2000);
                e.join(2000);
                fail("timed out after " + timeoutSeconds + " s: " + command + "\n" + out.toString(StandardCharsets.UTF_8)
                    + err.toString(StandardCharsets.UTF_8));
            }
            o.join();
            e.join();
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** {@code virsh -c uri 'cmd; cmd; ...'} in {@code dir}: one process, one connection, the whole sequence. */
    static Result virsh(Path dir, String uri, String commands) {
        return run(List.of(VIRSH.toString(), "-c", uri, commands), dir, 60);
    }

    /** Starts a process without waiting for it (for {@code virsh event}); output goes to files in {@code dir}. */
    static Process start(List<String> command, Path dir, String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        pb.environment().put("HOME", System.getProperty("java.io.tmpdir"));
        pb.environment().put("LC_ALL", "C");
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectOutput(dir.resolve(name + ".out").toFile());
        pb.redirectError(dir.resolve(name + ".err").toFile());
        return pb.start();
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(sink);
            } catch (IOException ignored) {
                // the process went away
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
