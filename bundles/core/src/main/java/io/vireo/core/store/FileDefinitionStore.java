package io.vireo.core.store;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DefinitionStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Definitions of one driver under {@code <config_dir>/<driver>}: domains at the top level as libvirt keeps
 * them ({@code <name>.xml}), other collections in sub-directories ({@code networks/}, {@code storage/},
 * {@code snapshots/<domain>/}), and autostart marks as symbolic links in an {@code autostart/} folder beside
 * the definitions.
 */
public final class FileDefinitionStore implements DefinitionStore {
    public static final String DOMAINS = "domains";
    private static final String SUFFIX = ".xml";

    private final Path root;

    public FileDefinitionStore(Path root) {
        this.root = root;
    }

    private Path dir(String collection) {
        Names.checkCollection(collection);
        return DOMAINS.equals(collection) ? root : root.resolve(collection);
    }

    private Path file(String collection, String name) {
        return dir(collection).resolve(Names.checkName(name) + SUFFIX);
    }

    private Path autostartLink(String collection, String name) {
        return dir(collection).resolve("autostart").resolve(Names.checkName(name) + SUFFIX);
    }

    @Override
    public synchronized void save(String collection, String name, String xml) {
        Path target = file(collection, name);
        try {
            AtomicFiles.write(target, xml);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.WRITE_FAILED, ErrorDomain.NONE,
                    "failed to write configuration file: cannot save '" + target + "': " + reason(e), e);
        }
    }

    @Override
    public synchronized void delete(String collection, String name) {
        Path target = file(collection, name);
        try {
            Files.deleteIfExists(autostartLink(collection, name));
            Files.deleteIfExists(target);
            AtomicFiles.syncDirectory(target.getParent());
        } catch (IOException e) {
            throw new VirtException(ErrorCode.WRITE_FAILED, ErrorDomain.NONE,
                    "cannot remove config " + target + ": " + reason(e), e);
        }
    }

    @Override
    public synchronized Map<String, String> loadAll(String collection) {
        Map<String, String> result = new TreeMap<>();
        Path dir = dir(collection);
        if (!Files.isDirectory(dir)) {
            return result;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String fileName = f.getFileName().toString();
                if (fileName.startsWith(".") || !Files.isRegularFile(f)) {
                    continue;
                }
                result.put(fileName.substring(0, fileName.length() - SUFFIX.length()),
                        Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.READ_FAILED, ErrorDomain.NONE,
                    "failed to read configuration directory " + dir + ": " + reason(e), e);
        }
        return result;
    }

    @Override
    public synchronized boolean isAutostart(String collection, String name) {
        return Files.exists(autostartLink(collection, name), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public synchronized void setAutostart(String collection, String name, boolean autostart) {
        Path link = autostartLink(collection, name);
        try {
            if (autostart) {
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(link.getParent());
                    Files.createSymbolicLink(link, file(collection, name));
                }
            } else {
                Files.deleteIfExists(link);
            }
            AtomicFiles.syncDirectory(link.getParent());
        } catch (IOException e) {
            throw new VirtException(ErrorCode.WRITE_FAILED, ErrorDomain.NONE,
                    "failed to " + (autostart ? "create" : "delete") + " symlink '" + link + "': " + reason(e), e);
        }
    }

    @Override
    public boolean isPersistent() {
        return true;
    }

    private static String reason(IOException e) {
        String cls = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? cls : cls + " " + e.getMessage();
    }
}
