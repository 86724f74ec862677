package io.vireo.core.store;

import io.vireo.api.ErrorCode;
import io.vireo.api.VirtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileDefinitionStoreTest {
    @TempDir
    Path dir;

    @Test
    void savesLoadsAndDeletesInLibvirtLayout() throws Exception {
        FileDefinitionStore store = new FileDefinitionStore(dir);
        store.save("domains", "vm1", "<domain/>");
        store.save("networks", "default", "<network/>");
        store.save("snapshots/vm1", "s1", "<domainsnapshot/>");
        assertEquals("<domain/>", Files.readString(dir.resolve("vm1.xml")));
        assertEquals("<network/>", Files.readString(dir.resolve("networks/default.xml")));
        assertEquals(Map.of("vm1", "<domain/>"), store.loadAll("domains"));
        assertEquals(Map.of("s1", "<domainsnapshot/>"), store.loadAll("snapshots/vm1"));

        store.save("domains", "vm1", "<domain type='kvm'/>");
        assertEquals("<domain type='kvm'/>", store.loadAll("domains").get("vm1"));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".new")), "no temp files left");
        }
        store.delete("domains", "vm1");
        assertTrue(store.loadAll("domains").isEmpty());
    }

    @Test
    void autostartIsASymlinkBesideTheDefinitions() {
        FileDefinitionStore store = new FileDefinitionStore(dir);
        store.save("networks", "default", "<network/>");
        store.setAutostart("networks", "default", true);
        assertTrue(Files.isSymbolicLink(dir.resolve("networks/autostart/default.xml")));
        assertTrue(store.isAutostart("networks", "default"));
        store.delete("networks", "default");
        assertFalse(store.isAutostart("networks", "default"));
    }

    @Test
    void hostileNamesAreRefusedBeforeTouchingTheDisk() {
        FileDefinitionStore store = new FileDefinitionStore(dir);
        for (String name : new String[] {"../evil", "a/b", "..", ".", "", ".hidden", "x\0y"}) {
            VirtException e = assertThrows(VirtException.class, () -> store.save("domains", name, "<x/>"), name);
            assertEquals(ErrorCode.INVALID_ARG, e.code());
        }
        for (String collection : new String[] {"../x", "snapshots/..", "Domains", "snapshots/a/b"}) {
            assertThrows(VirtException.class, () -> store.save(collection, "n", "<x/>"), collection);
        }
        assertFalse(Files.exists(dir.getParent().resolve("evil.xml")));
    }

    @Test
    void unwritableDirectoryGivesWriteFailedAndKeepsTheOldDefinition() throws Exception {
        if ("root".equals(System.getProperty("user.name"))) {
            // root ignores directory permissions; use a path under a regular file instead.
            Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
            FileDefinitionStore store = new FileDefinitionStore(file);
            VirtException e = assertThrows(VirtException.class, () -> store.save("domains", "vm", "<d/>"));
            assertEquals(ErrorCode.WRITE_FAILED, e.code());
            assertTrue(e.getMessage().contains("not-a-dir"), e.getMessage());
            return;
        }
        FileDefinitionStore store = new FileDefinitionStore(dir);
        store.save("domains", "vm", "<old/>");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            VirtException e = assertThrows(VirtException.class, () -> store.save("domains", "vm", "<new/>"));
            assertEquals(ErrorCode.WRITE_FAILED, e.code());
            assertEquals("<old/>", Files.readString(dir.resolve("vm.xml")));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
