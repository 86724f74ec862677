package io.vireo.shell.conformance;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real virsh: runs a whole script in one invocation against {@code test:///default} (so the commands
 * share one connection and one fresh set of fixtures), stdout and stderr merged in order, and splits the
 * output per command at marks echoed between them.
 */
final class Virsh {
    static final String URI = "test:///default";
    private static final String MARK = "@@MARK@@";

    private Virsh() {
    }

    /** The virsh executable on the PATH, or null. */
    static Path find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "virsh");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Runs {@code lines} in one virsh session; one output per line. */
    static List<String> run(Path virsh, List<String> lines) throws IOException, InterruptedException {
        String joined = String.join(" ; echo " + MARK + " ; ", lines);
        ProcessBuilder pb = new ProcessBuilder(virsh.toString(), "-c", URI, joined).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        pb.environment().put("TZ", ZoneId.systemDefault().getId());
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        Process p = pb.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("virsh did not finish in 60 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        String[] parts = text.split(MARK + "\n", -1);
        List<String> result = new ArrayList<>(List.of(parts));
        if (result.size() != lines.size()) {
            throw new IOException("virsh output has " + result.size() + " parts for " + lines.size()
                    + " commands (a command swallowed the marks?):\n" + text);
        }
        return result;
    }
}
