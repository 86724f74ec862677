package io.vireo.remote.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    static ServerSettings settings(Map<String, ?> values) {
        return ServerSettings.from(Configs.of(RemoteServerConfig.class, values));
    }

    @Test
    void defaultsAreLibvirtdsExceptTcpOnLoopback() {
        ServerSettings s = settings(Map.of());
        assertTrue(s.listenTcp());
        assertEquals("127.0.0.1", s.listenAddr(), "never a wildcard by default");
        assertEquals(16509, s.tcpPort());
        assertEquals(AuthMethod.NONE, s.authTcp());
        assertEquals(Path.of(System.getProperty("karaf.base", System.getProperty("user.dir")), "vireo/run/libvirt"),
            s.unixSockDir());
        assertEquals("rwx------", PosixFilePermissions.toString(s.unixRwPerms()));
        assertEquals("rwxrwxrwx", PosixFilePermissions.toString(s.unixRoPerms()));
        assertEquals(5000, s.maxClients());
        assertEquals(20, s.maxWorkers());
        assertEquals(5, s.prioWorkers());
        assertEquals(20, s.maxRequests());
        assertEquals(5, s.maxClientRequests());
        assertEquals(5, s.keepaliveInterval());
        assertEquals(5, s.keepaliveCount());
    }

    @Test
    void valuesAreCheckedAndClamped() {
        ServerSettings s = settings(Map.of("unix_sock_dir", " ", "unix_sock_rw_perms", "0770", "max_workers", 0,
            "max_client_requests", -3, "keepalive_interval", -1));
        assertNull(s.unixSockDir(), "an empty directory turns the Unix sockets off");
        assertEquals("rwxrwx---", PosixFilePermissions.toString(s.unixRwPerms()));
        assertEquals(1, s.maxWorkers());
        assertEquals(1, s.maxClientRequests());
        assertEquals(0, s.keepaliveInterval(), "no server pings");
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("tcp_port", 70000)));
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("unix_sock_ro_perms", "rw")));
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("unix_sock_ro_perms", "01777")));
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("auth_tcp", "kerberos")));
        assertEquals(AuthMethod.SASL, settings(Map.of("auth_tcp", "SASL")).authTcp());
    }

    @Test
    void unimplementedAuthOpensNoSocketRatherThanAnUnprotectedOne() throws Exception {
        try (ServerFixture f = new ServerFixture(Map.of("auth_tcp", "sasl", "auth_unix_rw", "polkit"))) {
            assertEquals(-1, f.server.tcpPort());
            assertTrue(!java.nio.file.Files.exists(f.socket(false)));
            assertTrue(java.nio.file.Files.exists(f.socket(true)));
        }
    }

    @Test
    void expandsSystemProperties() {
        assertEquals(System.getProperty("java.io.tmpdir") + "/x", ServerSettings.expand("${java.io.tmpdir}/x"));
        assertEquals("/a/b", ServerSettings.expand("/a/b"));
        assertEquals("${unclosed", ServerSettings.expand("${unclosed"));
    }
}
