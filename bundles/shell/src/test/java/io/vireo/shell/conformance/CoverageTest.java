package io.vireo.shell.conformance;

import org.apache.karaf.shell.api.action.Command;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every {@code virt:*} command is run by at least one conformance script. */
class CoverageTest {
    @Test
    void everyCommandHasAConformanceScript() throws IOException {
        Set<String> commands = new TreeSet<>();
        for (Class<?> type : VireoShell.serviceClasses()) {
            Command c = type.getAnnotation(Command.class);
            if (c != null) {
                commands.add(c.name());
            }
        }
        Path dir = VirshConformanceTest.resourceDir();
        Set<String> scripted = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path script : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
                for (String line : VirshConformanceTest.lines(script, dir.resolve("files"))) {
                    scripted.add(line.replaceFirst("^~\\s*", "").split("\\s+")[0]);
                }
            }
        }
        Set<String> missing = new TreeSet<>(commands);
        missing.removeAll(scripted);
        assertEquals(Set.of(), missing, "commands without a conformance script");
    }
}
