package io.vireo.shell.conformance;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs each script of {@code src/test/resources/conformance/*.txt} through the real virsh (one invocation
 * against {@code test:///default}) and through Vireo's {@code virt:*} commands (one session on a fresh
 * Vireo stack), and compares the output of every command after {@link Normalizer normalizing} what may
 * legitimately differ. A script is one virsh command per line, without the {@code virt:} prefix; blank
 * lines and lines starting with {@code #} are ignored; {@code @DIR@} stands for the absolute path of
 * {@code conformance/files}. A line starting with {@code ~} is a difference kept on purpose (the comment
 * above it says why): only the first line of its output must match, and the rest is reported, not
 * compared.
 *
 * <p>Without virsh on the PATH the test is skipped loudly, or fails when {@code VIREO_REQUIRE_VIRSH=1}
 * (as in CI, which installs libvirt-clients).
 */
class VirshConformanceTest {
    static final String REQUIRE_VIRSH = "VIREO_REQUIRE_VIRSH";

    private static Path virsh;

    @TempDir
    Path work;

    @BeforeAll
    static void findVirsh() {
        virsh = Virsh.find();
        if (virsh == null) {
            String message = "virsh is not installed (Debian: apt-get install libvirt-clients): "
                    + "the virsh conformance scripts cannot run";
            if ("1".equals(System.getenv(REQUIRE_VIRSH))) {
                fail(message + ", and " + REQUIRE_VIRSH + "=1 requires them");
            }
            System.err.println("*** SKIPPED: " + message + ". Set " + REQUIRE_VIRSH + "=1 to make this a failure.");
            Assumptions.abort(message);
        }
    }

    @TestFactory
    Stream<DynamicTest> scripts() throws IOException {
        Path dir = resourceDir();
        List<Path> scripts;
        try (Stream<Path> files = Files.list(dir)) {
            scripts = files.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
        }
        if (scripts.isEmpty()) {
            fail("no conformance scripts in " + dir);
        }
        return scripts.stream().map(s -> DynamicTest.dynamicTest(s.getFileName().toString(), () -> check(s)));
    }

    private void check(Path script) throws Exception {
        Path files = resourceDir().resolve("files");
        List<String> lines = lines(script, files);
        List<Boolean> lenient = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            lenient.add(lines.get(i).startsWith("~"));
            lines.set(i, lines.get(i).replaceFirst("^~\\s*", ""));
        }
        List<String> expected = Virsh.run(virsh, lines);
        List<String> actual = new ArrayList<>();
        List<Throwable> unexpected;
        try (VireoShell shell = new VireoShell(Files.createDirectories(work.resolve(script.getFileName().toString())))) {
            for (String line : lines) {
                actual.add(shell.run("virt:" + line));
            }
            unexpected = shell.unexpected();
        }
        String known = Files.readString(script) + knownText(files);
        Normalizer virshSide = new Normalizer(known);
        Normalizer vireoSide = new Normalizer(known);
        StringBuilder want = new StringBuilder();
        StringBuilder got = new StringBuilder();
        int mismatches = 0;
        for (int i = 0; i < lines.size(); i++) {
            String w = virshSide.normalize(expected.get(i));
            String g = vireoSide.normalize(actual.get(i));
            if (lenient.get(i) && !w.equals(g)) {
                System.err.println(script.getFileName() + ": known difference in '" + lines.get(i) + "':\n"
                        + UnifiedDiff.diff("virsh", w, "vireo", g));
                w = firstLine(w) + "[rest not compared]\n";
                g = firstLine(g) + "[rest not compared]\n";
            }
            want.append("### ").append(lines.get(i)).append('\n').append(w);
            got.append("### ").append(lines.get(i)).append('\n').append(g);
            if (!w.equals(g)) {
                mismatches++;
            }
        }
        if (mismatches > 0 || !unexpected.isEmpty()) {
            StringBuilder report = new StringBuilder();
            report.append(script.getFileName()).append(": ").append(mismatches).append(" of ").append(lines.size())
                    .append(" commands differ from virsh\n");
            report.append(UnifiedDiff.diff("virsh", want.toString(), "vireo", got.toString()));
            for (Throwable t : unexpected) {
                report.append("\nunexpected exception: ").append(stackTrace(t));
            }
            System.err.println(report);
            assertEquals(want.toString(), got.toString(), report.toString());
            fail(report.toString());
        }
    }

    /** The script's commands, with @DIR@ replaced by the absolute path of the files directory. */
    static List<String> lines(Path script, Path files) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                lines.add(t.replace("@DIR@", files.toAbsolutePath().toString()));
            }
        }
        return lines;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s + "\n" : s.substring(0, nl + 1);
    }

    private static String knownText(Path files) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(files)) {
            for (Path f : s.sorted().toList()) {
                sb.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
            }
        }
        // The fixtures of test:///default.
        sb.append("6695eb01-f6a4-8304-79aa-97f2502e193f dd8fe884-6c02-601e-7551-cca97df1c5df "
                + "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566");
        return sb.toString();
    }

    static Path resourceDir() {
        try {
            return Path.of(VirshConformanceTest.class.getClassLoader().getResource("conformance").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter sw = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(sw));
        return sw.toString();
    }
}
