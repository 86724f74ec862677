package io.vireo.api;

/** Flag bits of domain calls, with libvirt's values. */
public final class DomainFlags {
    // virDomainXMLFlags
    public static final int XML_SECURE = 1;
    public static final int XML_INACTIVE = 2;
    public static final int XML_UPDATE_CPU = 4;
    public static final int XML_MIGRATABLE = 8;

    // virDomainCreateFlags
    public static final int START_PAUSED = 1;
    public static final int START_AUTODESTROY = 2;
    public static final int START_BYPASS_CACHE = 4;
    public static final int START_FORCE_BOOT = 8;
    public static final int START_VALIDATE = 16;

    // virDomainDefineFlags
    public static final int DEFINE_VALIDATE = 1;

    // virDomainModificationImpact and virDomainMemoryModFlags
    public static final int AFFECT_CURRENT = 0;
    public static final int AFFECT_LIVE = 1;
    public static final int AFFECT_CONFIG = 2;
    public static final int MEM_MAXIMUM = 4;
    public static final int VCPU_MAXIMUM = 4;
    public static final int VCPU_GUEST = 8;

    // virDomainUndefineFlags
    public static final int UNDEFINE_MANAGED_SAVE = 1;
    public static final int UNDEFINE_SNAPSHOTS_METADATA = 2;
    public static final int UNDEFINE_NVRAM = 4;

    // virDomainSnapshotCreateFlags
    public static final int SNAPSHOT_CREATE_REDEFINE = 1;
    public static final int SNAPSHOT_CREATE_CURRENT = 2;
    public static final int SNAPSHOT_CREATE_NO_METADATA = 4;
    public static final int SNAPSHOT_CREATE_HALT = 8;
    public static final int SNAPSHOT_CREATE_DISK_ONLY = 16;
    public static final int SNAPSHOT_CREATE_ATOMIC = 128;

    // virDomainSnapshotRevertFlags
    public static final int SNAPSHOT_REVERT_RUNNING = 1;
    public static final int SNAPSHOT_REVERT_PAUSED = 2;
    public static final int SNAPSHOT_REVERT_FORCE = 4;

    // virDomainSnapshotDeleteFlags
    public static final int SNAPSHOT_DELETE_CHILDREN = 1;
    public static final int SNAPSHOT_DELETE_METADATA_ONLY = 2;
    public static final int SNAPSHOT_DELETE_CHILDREN_ONLY = 4;

    // virDomainConsoleFlags
    /** Takes the console over from a session already attached to it (that session ends). */
    public static final int CONSOLE_FORCE = 1;
    /** Attaches only if the driver guarantees one session at a time on the console. */
    public static final int CONSOLE_SAFE = 2;

    // virDomainQemuMonitorCommandFlags
    /** The monitor command is a human-monitor (HMP) command line, not QMP JSON. */
    public static final int QEMU_MONITOR_COMMAND_HMP = 1;

    private DomainFlags() {
    }
}
