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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conformance scripts run every {@code virt:*} command. The commands below must be covered; a newer
 * command without a script is reported loudly until one is written (then add it here).
 */
class CoverageTest {
    static final Set<String> REQUIRED = Set.of("list", "dominfo", "suspend", "define", "undefine", "start", "create",
            "shutdown", "destroy", "reboot", "resume", "domstate", "domid", "domname", "domuuid", "dumpxml",
            "autostart", "setmem", "setmaxmem", "setvcpus", "nodeinfo", "version", "uri", "hostname", "capabilities",
            "connect", "net-list", "net-define", "net-start", "net-destroy", "net-undefine", "net-dumpxml",
            "net-autostart", "net-info", "pool-list", "pool-define", "pool-start", "pool-destroy", "pool-undefine",
            "pool-info", "pool-dumpxml", "vol-list", "vol-create-as", "vol-delete", "vol-info", "vol-dumpxml",
            "snapshot-create-as", "snapshot-list", "snapshot-revert", "snapshot-delete", "snapshot-current",
            "console", "attach-device", "detach-device", "attach-disk", "detach-disk", "attach-interface",
            "detach-interface", "domblkstat", "domifstat", "dommemstat", "cpu-stats", "qemu-monitor-command", "domstats");

    @Test
    void everyCommandHasAConformanceScript() throws IOException {
        Set<String> commands = new TreeSet<>();
        for (Class<?> type : VireoShell.serviceClasses()) {
            Command c = type.getAnnotation(Command.class);
            if (c != null) {
                commands.add(c.name());
            }
        }
        assertTrue(commands.containsAll(REQUIRED), "commands missing: " + REQUIRED.stream()
                .filter(c -> !commands.contains(c)).toList());
        Path dir = VirshConformanceTest.resourceDir();
        Set<String> scripted = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path script : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
                for (String line : VirshConformanceTest.lines(script, dir.resolve("files"))) {
                    scripted.add(line.replaceFirst("^~\\s*", "").split("\\s+")[0]);
                }
            }
        }
        Set<String> missing = new TreeSet<>(REQUIRED);
        missing.removeAll(scripted);
        assertEquals(Set.of(), missing, "virt commands that no conformance script runs");
        Set<String> unscripted = new TreeSet<>(commands);
        unscripted.removeAll(scripted);
        if (!unscripted.isEmpty()) {
            System.err.println("*** virt commands without a virsh conformance script yet: " + unscripted
                    + " (add them to a script in src/test/resources/conformance, then to CoverageTest.REQUIRED)");
        }
    }
}
