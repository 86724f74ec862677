package io.vireo.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every document of the corpus is written in libvirt's layout, so format(parse(x)) must give x back
 * byte for byte, and formatting is a fixed point: format(parse(format(parse(x)))) == format(parse(x)).
 */
class CorpusRoundTripTest {

    static Stream<Arguments> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(CorpusRoundTripTest.class.getResource("/corpus").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> xml = files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
            return xml.stream().map(p -> Arguments.of(root.relativize(p).toString().replace('\\', '/'), p));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void roundTripsExactly(String name, Path file) throws IOException {
        String xml = Files.readString(file);
        Function<String, String> cycle = cycleFor(name);
        String once = cycle.apply(xml);
        assertEquals(xml, once, name);
        assertEquals(once, cycle.apply(once), name + " (second cycle)");
    }

    static Function<String, String> cycleFor(String name) {
        String kind = name.substring(0, name.indexOf('/'));
        return switch (kind) {
            case "domain" -> x -> VireoXml.formatDomain(VireoXml.parseDomain(x));
            case "network" -> x -> VireoXml.formatNetwork(VireoXml.parseNetwork(x));
            case "pool" -> x -> VireoXml.formatPool(VireoXml.parsePool(x));
            case "volume" -> x -> VireoXml.formatVolume(VireoXml.parseVolume(x));
            case "snapshot" -> x -> VireoXml.formatSnapshot(VireoXml.parseSnapshot(x));
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
