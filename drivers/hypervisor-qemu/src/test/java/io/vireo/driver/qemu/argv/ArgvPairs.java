package io.vireo.driver.qemu.argv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The argv test data: {@code src/test/resources/argv/NAME.xml} with the expected {@code NAME.args} beside it
 * (one argument per line), and the {@link QemuLaunch} every pair is built with, fixed by a convention on
 * NAME so no pair needs its own setup.
 */
final class ArgvPairs {
    static final String BINARY = "/usr/bin/qemu-system-x86_64";
    /** The display the autoport pairs get: :7. */
    static final int VNC_PORT = 5907;

    private ArgvPairs() {
    }

    /** Sockets under /run/vireo/qemu/NAME/, taps vnet0..vnet3, VNC port 5907, KVM usable, no default logs. */
    static QemuLaunch launch(String name) {
        String run = "/run/vireo/qemu/" + name + "/";
        return new QemuLaunch(BINARY, run + "monitor.sock",
                List.of(run + "serial0.sock", run + "serial1.sock", run + "serial2.sock", run + "serial3.sock"),
                List.of(), VNC_PORT, List.of("vnet0", "vnet1", "vnet2", "vnet3"), true);
    }

    /** The pair names, sorted, from the compiled test resources. */
    static List<String> names() {
        try (Stream<Path> files = Files.list(resourceDir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String xml(String name) throws IOException {
        return Files.readString(resourceDir().resolve(name + ".xml"), StandardCharsets.UTF_8);
    }

    static Path resourceDir() {
        URL url = ArgvPairs.class.getClassLoader().getResource("argv");
        if (url == null) {
            throw new IllegalStateException("test resources directory argv/ not on the class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where regenerated .args files go: the source tree, not target/ (surefire runs in the module directory). */
    static Path sourceDir() {
        return Path.of("src", "test", "resources", "argv").toAbsolutePath();
    }
}
