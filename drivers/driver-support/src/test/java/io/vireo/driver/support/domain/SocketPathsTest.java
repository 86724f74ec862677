package io.vireo.driver.support.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketPathsTest {
    @TempDir
    Path temp;

    @Test
    void aShortPathIsKeptAsItIs() {
        Path p = temp.resolve("g.monitor");
        assertEquals(p, SocketPaths.fitting(p, temp));
    }

    @Test
    void theDefaultStandInDirectoryIsShortWhateverJavaIoTmpdirSays() {
        Path deep = temp.resolve("x".repeat(120)).resolve("g.serial0");
        Path shortPath = SocketPaths.fitting(deep);
        assertTrue(shortPath.toString().length() < 80, shortPath::toString);
        assertTrue(shortPath.getFileName().toString().endsWith(".serial0"), shortPath::toString);
    }

    @Test
    void aLongPathGetsAStableShortStandInThatCanBeBound() throws IOException {
        Path deep = temp.resolve("a".repeat(60)).resolve("b".repeat(60)).resolve("guest-with-a-long-name.monitor");
        Path shortPath = SocketPaths.fitting(deep, temp.resolve("s"));
        assertTrue(shortPath.toString().getBytes(StandardCharsets.UTF_8).length <= SocketPaths.MAX_BYTES, shortPath::toString);
        assertTrue(shortPath.getFileName().toString().endsWith(".monitor"), shortPath::toString);
        assertEquals(shortPath, SocketPaths.fitting(deep, temp.resolve("s")), "the same guest must find the same socket again");
        assertNotEquals(shortPath, SocketPaths.fitting(deep.resolveSibling("other.monitor"), temp.resolve("s")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(shortPath.getParent())));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(shortPath));
        } finally {
            Files.deleteIfExists(shortPath);
        }
    }
}
