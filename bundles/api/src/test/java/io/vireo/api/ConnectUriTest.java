package io.vireo.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectUriTest {

    @Test
    void localTestUri() {
        ConnectUri u = ConnectUri.parse("test:///default");
        assertEquals("test", u.driver());
        assertNull(u.transport());
        assertNull(u.host());
        assertEquals("/default", u.path());
        assertTrue(u.isLocal());
        assertEquals("test:///default", u.toString());
    }

    @Test
    void remoteUriWithEverything() {
        ConnectUri u = ConnectUri.parse("qemu+tcp://admin@host.example:16509/system?keepalive_interval=5&no_verify=1");
        assertEquals("qemu", u.driver());
        assertEquals("tcp", u.transport());
        assertEquals("admin", u.user());
        assertEquals("host.example", u.host());
        assertEquals(16509, u.port());
        assertEquals("/system", u.path());
        assertEquals("5", u.params().get("keepalive_interval"));
        assertFalse(u.isLocal());
        assertEquals("qemu:///system?keepalive_interval=5&no_verify=1", u.local().toString());
    }

    @Test
    void unixSocketParameterIsDecoded() {
        ConnectUri u = ConnectUri.parse("qemu+unix:///system?socket=/run/vireo/libvirt%2Dsock");
        assertEquals("unix", u.transport());
        assertEquals("/run/vireo/libvirt-sock", u.params().get("socket"));
    }

    @Test
    void ipv6Host() {
        ConnectUri u = ConnectUri.parse("test+tcp://[::1]:16509/default");
        assertEquals("[::1]", u.host());
        assertEquals(16509, u.port());
    }

    @Test
    void badUrisAreInvalidArgWithTheReason() {
        for (String bad : new String[] {"", "   ", "default", "test:default", "+tcp:///x", "te st:///x",
            "qemu+tcp://ho st/system", "test:///d?x=%zz"}) {
            VirtException e = assertThrows(VirtException.class, () -> ConnectUri.parse(bad), bad);
            assertEquals(ErrorCode.INVALID_ARG, e.code(), bad);
            assertTrue(e.getMessage().startsWith("invalid argument: Unable to parse URI"), e.getMessage());
        }
    }
}
