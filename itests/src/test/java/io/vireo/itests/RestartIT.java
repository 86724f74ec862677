package io.vireo.itests;

import org.junit.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The unpacked distribution, run as a user runs it: a definition made through the console survives a
 * restart of the container, and autostart brings it up again.
 */
public class RestartIT {
    private static final Pattern KEEPER_RUNNING = Pattern.compile("\\d+\\s+keeper\\s+running");

    @Test
    public void definitionsSurviveARestartAndAutostartRuns() throws Exception {
        Path work = Path.of(System.getProperty("vireo.itests.work", "target/work")).resolve("restart");
        try (Distribution dist = new Distribution(work)) {
            dist.setProperty("etc/io.vireo.driver.test.cfg", "vireo.driver.persistent", "true");
            Path xml = work.resolve("keeper.xml");
            Files.writeString(xml, "<domain type='test'><name>keeper</name><memory unit='MiB'>64</memory>"
                    + "<vcpu>1</vcpu><os><type>hvm</type></os></domain>");

            long firstStart = dist.start();
            System.out.println("first start -> first virt:list answer: " + firstStart + " ms");
            Distribution.CommandResult r = dist.client("virt:define " + xml);
            assertEquals("virt:define printed: " + r.output(), 0, r.exitCode());
            assertTrue(r.output(), r.output().contains("Domain 'keeper' defined from " + xml));
            r = dist.client("virt:autostart keeper");
            assertEquals("virt:autostart printed: " + r.output(), 0, r.exitCode());
            Path stored = dist.home.resolve("vireo/config/test/keeper.xml");
            assertTrue("definition written to " + stored, Files.isRegularFile(stored));
            assertTrue(Files.isSymbolicLink(dist.home.resolve("vireo/config/test/autostart/keeper.xml")));

            dist.stop();
            long secondStart = dist.start();
            System.out.println("restart -> first virt:list answer: " + secondStart + " ms");

            // Autostart runs on its own thread once the driver arrives: give it a moment.
            String list = "";
            for (int i = 0; i < 20 && !KEEPER_RUNNING.matcher(list).find(); i++) {
                list = dist.client("virt:list --all").output();
            }
            assertTrue(list, KEEPER_RUNNING.matcher(list).find());
            assertTrue(list, Pattern.compile("-\\s+test\\s+shut off").matcher(list).find());
            r = dist.client("virt:dominfo keeper");
            assertTrue(r.output(), r.output().contains("Autostart:      enable"));
            assertTrue(r.output(), r.output().contains("Max memory:     65536 KiB"));
        }
    }
}
