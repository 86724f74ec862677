package io.vireo.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.vireo.api.VirtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged documents must fail with a {@link VirtException} and nothing else: truncations, deleted and
 * swapped characters over the whole corpus, with a fixed seed so failures reproduce.
 */
class RobustnessTest {

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> corpus() throws Exception {
        return CorpusRoundTripTest.corpus();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void damagedDocumentsFailCleanly(String name, Path file) throws IOException {
        String xml = Files.readString(file);
        Function<String, String> cycle = CorpusRoundTripTest.cycleFor(name);
        Random random = new Random(name.hashCode());
        for (int i = 0; i < 300; i++) {
            StringBuilder damaged = new StringBuilder(xml);
            int pos = random.nextInt(damaged.length());
            switch (i % 4) {
                case 0 -> damaged.setLength(pos);
                case 1 -> damaged.deleteCharAt(pos);
                case 2 -> damaged.setCharAt(pos, "<>&'\"/= x9-"
                        .charAt(random.nextInt(11)));
                default -> damaged.insert(pos, "<x/>");
            }
            String input = damaged.toString();
            try {
                String once = cycle.apply(input);
                // whatever was accepted must format to a fixed point
                assertEquals(once, cycle.apply(once), () -> "not stable after damage at " + pos + ":\n" + input);
            } catch (VirtException expected) {
                // the only acceptable failure
            } catch (RuntimeException e) {
                fail("damage at " + pos + " raised " + e + " for:\n" + input, e);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void windowsLineEndingsAreAccepted(String name, Path file) throws IOException {
        String xml = Files.readString(file);
        Function<String, String> cycle = CorpusRoundTripTest.cycleFor(name);
        String once = cycle.apply(xml.replace("\n", "\r\n"));
        assertEquals(once, cycle.apply(once));
        assertEquals(cycle.apply(xml).replace("\r", ""), once.replace("\r", ""));
    }
}
