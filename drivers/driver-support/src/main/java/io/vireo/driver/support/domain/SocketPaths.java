package io.vireo.driver.support.domain;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Keeps Unix socket paths within the kernel's limit. A socket's address is at most 107 bytes
 * ({@code sun_path} is 108 with its terminating NUL), and a daemon installed deep in a directory tree
 * with a long domain name crosses it easily. A path that fits is used as it is; one that does not is
 * replaced by a short one in a private directory, named after a hash of the long path, so the same guest
 * always gets the same socket and a restarted daemon finds it again. That directory is {@code
 * /run/vireo/sockets} for root (libvirt keeps its sockets under /run too, and /run is not swept by temporary
 * file cleaners as /tmp is), else {@code $XDG_RUNTIME_DIR/vireo/sockets}, else {@code /tmp/vireo-sockets-USER};
 * never {@code java.io.tmpdir}, which Karaf puts in its data directory, as deep as the run directory.
 */
public final class SocketPaths {
    /** The longest path {@code bind(2)} accepts for a Unix socket on Linux. */
    public static final int MAX_BYTES = 107;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private SocketPaths() {
    }

    /** {@code preferred} if it fits, else its short stand-in (whose directory is created owner-only). */
    public static Path fitting(Path preferred) {
        return fitting(preferred, shortDirectory());
    }

    private static Path shortDirectory() {
        String user = System.getProperty("user.name", "user");
        Path run = Path.of("/run");
        if ("root".equals(user) && Files.isDirectory(run) && Files.isWritable(run)) {
            return run.resolve("vireo/sockets");
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty() && Files.isDirectory(Path.of(xdg)) && xdg.length() < 40) {
            return Path.of(xdg, "vireo", "sockets");
        }
        return Path.of("/tmp", "vireo-sockets-" + user);
    }

    static Path fitting(Path preferred, Path directory) {
        Path absolute = preferred.toAbsolutePath().normalize();
        if (bytes(absolute) <= MAX_BYTES) {
            return preferred;
        }
        ensurePrivate(directory);
        String file = absolute.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String suffix = dot < 0 ? "" : file.substring(dot);
        if (suffix.length() > 16) {
            suffix = suffix.substring(0, 16);
        }
        Path shortPath = directory.resolve(hash(absolute.toString()) + suffix);
        if (bytes(shortPath) > MAX_BYTES) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE, "no Unix socket path of at most %d "
                    + "bytes for %s: %s is too long as well", MAX_BYTES, preferred, directory);
        }
        return shortPath;
    }

    private static void ensurePrivate(Path directory) {
        try {
            try {
                Files.createDirectories(directory.getParent(), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException exists) {
                // made by an earlier start; checked below
            }
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(directory + " is not a directory");
            }
            String owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName();
            if (!owner.equals(System.getProperty("user.name"))) {
                throw new IOException(directory + " belongs to " + owner + ", not to this daemon's user");
            }
            Files.setPosixFilePermissions(directory, OWNER_ONLY);
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE, "cannot prepare the socket "
                    + "directory %s: %s", directory, e.getMessage());
        }
    }

    private static int bytes(Path p) {
        return p.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
