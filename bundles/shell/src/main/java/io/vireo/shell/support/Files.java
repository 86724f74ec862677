package io.vireo.shell.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the XML files commands are given, with virsh's error when that fails. */
public final class Files {
    /** libvirt refuses XML documents larger than this. */
    public static final long MAX_XML_BYTES = 10L * 1024 * 1024;

    private Files() {
    }

    public static String read(String file) {
        Path path = Path.of(file);
        try {
            if (java.nio.file.Files.size(path) > MAX_XML_BYTES) {
                throw VirtAction.failure("Failed to open file '" + file + "': file is larger than "
                        + MAX_XML_BYTES + " bytes");
            }
            return java.nio.file.Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw VirtAction.failure("Failed to open file '" + file + "': No such file or directory");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw VirtAction.failure("Failed to open file '" + file + "': " + e.getMessage());
        }
    }
}
