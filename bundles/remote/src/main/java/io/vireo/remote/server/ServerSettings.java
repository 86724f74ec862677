package io.vireo.remote.server;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The server's configuration after checking: numbers clamped to what works, paths expanded, permission
 * strings parsed. Built from {@link RemoteServerConfig}; a value that cannot be understood fails here,
 * before anything is bound.
 *
 * @param unixSockDir null when the Unix sockets are off
 * @param keepaliveInterval seconds; 0 means the server never pings
 */
record ServerSettings(boolean listenTcp, String listenAddr, int tcpPort, AuthMethod authTcp,
                      Path unixSockDir, Set<PosixFilePermission> unixRwPerms, Set<PosixFilePermission> unixRoPerms,
                      AuthMethod authUnixRw, AuthMethod authUnixRo,
                      int maxClients, int maxWorkers, int prioWorkers, int maxRequests, int maxClientRequests,
                      int keepaliveInterval, int keepaliveCount) {

    static final String RW_SOCKET = "libvirt-sock";
    static final String RO_SOCKET = "libvirt-sock-ro";

    static ServerSettings from(RemoteServerConfig c) {
        int port = c.tcp__port();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("tcp_port = " + port + ": expected 0..65535");
        }
        String dir = expand(c.unix__sock__dir() == null ? "" : c.unix__sock__dir().trim());
        return new ServerSettings(c.listen__tcp(), blankTo(c.listen__addr(), "127.0.0.1"), port,
            AuthMethod.parse("auth_tcp", c.auth__tcp()),
            dir.isEmpty() ? null : Path.of(dir),
            perms("unix_sock_rw_perms", c.unix__sock__rw__perms()), perms("unix_sock_ro_perms", c.unix__sock__ro__perms()),
            AuthMethod.parse("auth_unix_rw", c.auth__unix__rw()), AuthMethod.parse("auth_unix_ro", c.auth__unix__ro()),
            Math.max(1, c.max__clients()), Math.max(1, c.max__workers()), Math.max(0, c.prio__workers()),
            Math.max(1, c.max__requests()), Math.max(1, c.max__client__requests()),
            Math.max(0, c.keepalive__interval()), Math.max(0, c.keepalive__count()));
    }

    private static String blankTo(String s, String dflt) {
        return s == null || s.isBlank() ? dflt : s.trim();
    }

    /** An octal mode as libvirtd.conf writes it ("0770") into POSIX permissions. */
    static Set<PosixFilePermission> perms(String key, String octal) {
        int mode;
        try {
            mode = Integer.parseInt(octal.trim(), 8);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " = '" + octal + "': expected an octal mode such as 0770");
        }
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException(key + " = '" + octal + "': only permission bits (0..0777) apply");
        }
        StringBuilder rwx = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = mode >> shift;
            rwx.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        set.addAll(PosixFilePermissions.fromString(rwx.toString()));
        return set;
    }

    /**
     * Replaces {@code ${name}} by the system property of that name, as the core does for its paths
     * (ConfigAdmin has already done so for values from the .cfg file, not for our defaults).
     */
    static String expand(String value) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            int end = start < 0 ? -1 : value.indexOf('}', start);
            if (end < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            String name = value.substring(start + 2, end);
            out.append(System.getProperty(name, name.equals("karaf.base") ? System.getProperty("user.dir") : ""));
            i = end + 1;
        }
        return out.toString();
    }
}
