package io.vireo.shell.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the XML files commands are given, with virsh's error when that fails. */
public final class Files {
    /** libvirt refuses XML documents larger than this. */
    public static final long MAX_XML_BYTES = 10L * 1024 * 1024;

    private Files() {
    }

    /**
     * The file's text, or virsh's error ({@code virFileReadAll}): "Failed to open file" when it cannot be
     * opened, "Failed to read file" when it cannot be read (a directory, or larger than libvirt accepts).
     */
    public static String read(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw VirtAction.failure("Failed to open file '" + file + "': No such file or directory");
        }
        if (!java.nio.file.Files.exists(path)) {
            throw VirtAction.failure("Failed to open file '" + file + "': No such file or directory");
        }
        if (java.nio.file.Files.isDirectory(path)) {
            throw VirtAction.failure("Failed to read file '" + file + "': Is a directory");
        }
        try {
            if (java.nio.file.Files.size(path) > MAX_XML_BYTES) {
                throw VirtAction.failure("Failed to read file '" + file + "': Invalid argument");
            }
            return new String(java.nio.file.Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw VirtAction.failure("Failed to open file '" + file + "': No such file or directory");
        } catch (AccessDeniedException e) {
            throw VirtAction.failure("Failed to open file '" + file + "': Permission denied");
        } catch (IOException | UncheckedIOException e) {
            throw VirtAction.failure("Failed to read file '" + file + "': " + e.getMessage());
        }
    }
}
