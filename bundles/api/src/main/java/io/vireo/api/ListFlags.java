package io.vireo.api;

/** Filter bits of the listAll* calls, with libvirt's values. Note that networks and pools order ACTIVE/INACTIVE the other way round from domains, as libvirt does. */
public final class ListFlags {
    public static final int DOMAIN_ACTIVE = 1;
    public static final int DOMAIN_INACTIVE = 2;
    public static final int DOMAIN_PERSISTENT = 4;
    public static final int DOMAIN_TRANSIENT = 8;
    public static final int DOMAIN_RUNNING = 16;
    public static final int DOMAIN_PAUSED = 32;
    public static final int DOMAIN_SHUTOFF = 64;
    public static final int DOMAIN_OTHER = 128;
    public static final int DOMAIN_MANAGEDSAVE = 256;
    public static final int DOMAIN_NO_MANAGEDSAVE = 512;
    public static final int DOMAIN_AUTOSTART = 1024;
    public static final int DOMAIN_NO_AUTOSTART = 2048;
    public static final int DOMAIN_HAS_SNAPSHOT = 4096;
    public static final int DOMAIN_NO_SNAPSHOT = 8192;

    public static final int NETWORK_INACTIVE = 1;
    public static final int NETWORK_ACTIVE = 2;
    public static final int NETWORK_PERSISTENT = 4;
    public static final int NETWORK_TRANSIENT = 8;
    public static final int NETWORK_AUTOSTART = 16;
    public static final int NETWORK_NO_AUTOSTART = 32;

    public static final int POOL_INACTIVE = 1;
    public static final int POOL_ACTIVE = 2;
    public static final int POOL_PERSISTENT = 4;
    public static final int POOL_TRANSIENT = 8;
    public static final int POOL_AUTOSTART = 16;
    public static final int POOL_NO_AUTOSTART = 32;

    public static final int SNAPSHOT_ROOTS = 1;
    public static final int SNAPSHOT_DESCENDANTS = 1;
    public static final int SNAPSHOT_METADATA = 2;
    public static final int SNAPSHOT_LEAVES = 4;
    public static final int SNAPSHOT_NO_LEAVES = 8;
    public static final int SNAPSHOT_NO_METADATA = 16;
    public static final int SNAPSHOT_INACTIVE = 32;
    public static final int SNAPSHOT_ACTIVE = 64;
    public static final int SNAPSHOT_DISK_ONLY = 128;
    public static final int SNAPSHOT_INTERNAL = 256;
    public static final int SNAPSHOT_EXTERNAL = 512;
    public static final int SNAPSHOT_TOPOLOGICAL = 1024;

    private ListFlags() {
    }
}
