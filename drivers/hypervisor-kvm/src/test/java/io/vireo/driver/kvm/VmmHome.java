package io.vireo.driver.kvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A distribution's layout as far as {@code bin/vireo-vmm} needs it: the launcher and {@code setenv} from
 * karaf-assembly, and the VMM and JNA jars under {@code system/} at their Maven paths, so tests start the
 * real VMM through the real launcher.
 */
final class VmmHome {
    private VmmHome() {
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("vireo.repo.root", "../..")).toAbsolutePath().normalize();
    }

    /** The test class path's entries, as the build wrote them. */
    static List<String> testClasspath() throws IOException {
        return List.of(Files.readString(Path.of("target/test-classpath.txt")).trim().split(":"));
    }

    /** Lays out {@code home}; returns its launcher. */
    static Path create(Path home) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path sources = repoRoot().resolve("karaf-assembly/src/main/resources/bin");
        for (String script : List.of("vireo-vmm", "setenv")) {
            Files.copy(sources.resolve(script), bin.resolve(script), StandardCopyOption.REPLACE_EXISTING);
            bin.resolve(script).toFile().setExecutable(true);
        }
        for (String entry : testClasspath()) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (name.startsWith("io.vireo.kvm.vmm-") && name.endsWith(".jar")) {
                place(home, "io/vireo/io.vireo.kvm.vmm", jar);
            } else if (name.startsWith("jna-") && name.endsWith(".jar")) {
                place(home, "net/java/dev/jna/jna", jar);
            }
        }
        return bin.resolve("vireo-vmm");
    }

    private static void place(Path home, String groupAndArtifact, Path jar) throws IOException {
        String file = jar.getFileName().toString();
        String version = file.substring(file.indexOf('-') + 1, file.length() - ".jar".length());
        Path dir = Files.createDirectories(home.resolve("system").resolve(groupAndArtifact).resolve(version));
        Files.copy(jar, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
}
