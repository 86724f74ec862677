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
        if ((how & BY_ID) != 0 && arg.matches("\\d{1,9}")) {
            try {
                return conn.lookupDomainById(Integer.parseInt(arg));
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

    /** A volume by name within {@code pool} when given, else by key, then by path, as virsh's vol commands do. */
    public static StorageVolume volume(Connection conn, String arg, String pool) {
        if (pool != null) {
            StoragePool p = pool(conn, pool);
            try {
                return p.lookupVolumeByName(arg);
            } catch (VirtException e) {
                // virsh falls back to key and path lookups; its final message names the path lookup.
            }
        }
        try {
            return conn.lookupStorageVolumeByKey(arg);
        } catch (VirtException ignored) {
            // by path next
        }
        try {
            return conn.lookupStorageVolumeByPath(arg);
        } catch (VirtException e) {
            throw VirtAction.CommandFailure.wrap("failed to get vol '" + arg + "'", e);
        }
    }

    static UUID uuid(String s) {
        if (s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
