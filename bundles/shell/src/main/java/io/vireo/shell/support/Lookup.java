package io.vireo.shell.support;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.Network;
import io.vireo.api.StoragePool;
import io.vireo.api.StorageVolume;
import io.vireo.api.VirtException;

import java.util.UUID;

/**
 * Resolves command arguments to objects the way virsh does: a domain by ID, then UUID, then name (each
 * command may allow fewer); networks and pools by UUID, then name. A domain that is not found gives
 * virsh's {@code failed to get domain 'x'}; networks and pools add the driver's reason.
 */
public final class Lookup {
    public static final int BY_ID = 1;
    public static final int BY_UUID = 2;
    public static final int BY_NAME = 4;
    public static final int ANY = BY_ID | BY_UUID | BY_NAME;

    private Lookup() {
    }

    public static Domain domain(Connection conn, String arg) {
        return domain(conn, arg, ANY);
    }

    public static Domain domain(Connection conn, String arg, int how) {
        Integer id = (how & BY_ID) != 0 ? id(arg) : null;
        if (id != null) {
            try {
                return conn.lookupDomainById(id);
            } catch (VirtException ignored) {
                // Not an ID after all: try the other ways, as virsh does.
            }
        }
        UUID uuid = uuid(arg);
        if ((how & BY_UUID) != 0 && uuid != null) {
            try {
                return conn.lookupDomainByUuid(uuid);
            } catch (VirtException ignored) {
                // fall through
            }
        }
        if ((how & BY_NAME) != 0) {
            try {
                return conn.lookupDomainByName(arg);
            } catch (VirtException ignored) {
                // fall through
            }
        }
        throw VirtAction.failure("failed to get domain '" + arg + "'");
    }

    public static Network network(Connection conn, String arg) {
        UUID uuid = uuid(arg);
        try {
            if (uuid != null) {
                try {
                    return conn.lookupNetworkByUuid(uuid);
                } catch (VirtException ignored) {
                    // by name next
                }
            }
            return conn.lookupNetworkByName(arg);
        } catch (VirtException e) {
            throw VirtAction.CommandFailure.wrap("failed to get network '" + arg + "'", e);
        }
    }

    public static StoragePool pool(Connection conn, String arg) {
        UUID uuid = uuid(arg);
        try {
            if (uuid != null) {
                try {
                    return conn.lookupStoragePoolByUuid(uuid);
                } catch (VirtException ignored) {
                    // by name next
                }
            }
            return conn.lookupStoragePoolByName(arg);
        } catch (VirtException e) {
            throw VirtAction.CommandFailure.wrap("failed to get pool '" + arg + "'", e);
        }
    }

    /**
     * A volume as virsh's vol commands find it: by name within {@code pool} when one is given (it must be
     * active), else by key, then by path; a volume found by key or path must then be in that pool.
     */
    public static StorageVolume volume(Connection conn, String arg, String pool) {
        StoragePool p = null;
        if (pool != null) {
            p = pool(conn, pool);
            if (!p.isActive()) {
                throw VirtAction.failure("pool '" + pool + "' is not active");
            }
        }
        StorageVolume vol = null;
        VirtException last = null;
        if (p != null) {
            try {
                vol = p.lookupVolumeByName(arg);
            } catch (VirtException e) {
                last = e;
            }
        }
        if (vol == null) {
            try {
                vol = conn.lookupStorageVolumeByKey(arg);
            } catch (VirtException e) {
                last = e;
            }
        }
        if (vol == null) {
            try {
                vol = conn.lookupStorageVolumeByPath(arg);
            } catch (VirtException e) {
                last = e;
            }
        }
        if (vol == null) {
            String first = p != null ? "failed to get vol '" + arg + "'"
                    : "failed to get vol '" + arg + "', specifying --pool might help";
            throw last == null ? VirtAction.failure(first) : VirtAction.CommandFailure.wrap(first, last);
        }
        if (p != null && !p.name().equals(vol.poolName())) {
            throw VirtAction.failure("Requested volume '" + arg + "' is not in pool '" + p.name() + "'");
        }
        return vol;
    }

    /** A domain ID as virsh accepts one ({@code virStrToLong_i} of the whole argument, not negative), or null. */
    static Integer id(String s) {
        String t = s.stripLeading();
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.isEmpty() || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A UUID as virsh takes one: only from arguments of 36 characters, read as libvirt's virUUIDParse
     * reads them (32 hex digits, dashes anywhere between them, spaces around).
     */
    static UUID uuid(String s) {
        if (s.length() != 36) {
            return null;
        }
        String t = s.strip();
        StringBuilder hex = new StringBuilder(32);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '-') {
                continue;
            }
            boolean isHex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!isHex || hex.length() == 32) {
                return null;
            }
            hex.append(c);
        }
        if (hex.length() != 32) {
            return null;
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }
}
