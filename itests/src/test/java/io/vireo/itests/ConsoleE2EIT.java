package io.vireo.itests;

import org.junit.Assume;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

/**
 * Runs bundles/remote/src/test/scripts/console-e2e.sh against this build's distribution: stock virsh's
 * {@code console} on a pseudo-terminal and {@code event --loop} over TCP with a real QEMU guest, and
 * Vireo's own remote client ({@code virt:console --connect}, {@code virt:event --connect}). The script is
 * kept runnable by hand; this class puts it in the test suite. Its exit status 77 (a prerequisite missing)
 * skips loudly, or fails where the suite requires the real clients (VIREO_REQUIRE_VIRSH).
 */
public class ConsoleE2EIT {
    @Test
    public void virshConsoleAndEventsOverTcpWithARealGuest() throws Exception {
        Path root = Path.of(System.getProperty("vireo.repo.root", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("vireo.itests.work", "target/work")).toAbsolutePath()
                .resolve("console-e2e");
        Distribution.deleteTree(work);
        Path transcript = work.resolveSibling("console-e2e.out");
        Files.createDirectories(work.getParent());
        ProcessBuilder pb = new ProcessBuilder("sh", root.resolve("bundles/remote/src/test/scripts/console-e2e.sh")
                .toString(), work.toString());
        pb.environment().put("VIREO_DIST", Path.of(System.getProperty("vireo.distribution")).toAbsolutePath().toString());
        pb.environment().put("JAVA_HOME17", Distribution.JAVA_HOME);
        pb.redirectErrorStream(true).redirectOutput(transcript.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroy(); // the script's trap stops its Karaf and guest
            p.waitFor(90, TimeUnit.SECONDS);
            fail("console-e2e.sh did not finish in 10 minutes:\n" + Files.readString(transcript, StandardCharsets.UTF_8));
        }
        String out = Files.readString(transcript, StandardCharsets.UTF_8);
        System.out.println(out);
        if (p.exitValue() == 77) {
            System.err.println("*** ConsoleE2EIT SKIPPED: " + out.lines().filter(l -> l.startsWith("SKIPPED"))
                    .findFirst().orElse("a prerequisite is missing"));
            assertEquals("VIREO_REQUIRE_VIRSH is set, but console-e2e.sh lacks a prerequisite:\n" + out,
                    null, System.getenv("VIREO_REQUIRE_VIRSH"));
            Assume.assumeTrue(false);
        }
        assertEquals("console-e2e.sh failed:\n" + out, 0, p.exitValue());
    }
}
