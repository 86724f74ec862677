package io.vireo.api.event;

/** Domain lifecycle events, numbered as libvirt's virDomainEventType. */
public enum DomainEventType {
    DEFINED(0, "Defined", "Added", "Updated", "Renamed", "Snapshot"),
    UNDEFINED(1, "Undefined", "Removed", "Renamed"),
    STARTED(2, "Started", "Booted", "Migrated", "Restored", "Snapshot", "Event wakeup"),
    SUSPENDED(3, "Suspended", "Paused", "Migrated", "I/O Error", "Watchdog", "Restored", "Snapshot",
        "API error", "Post-copy", "Post-copy Error"),
    RESUMED(4, "Resumed", "Unpaused", "Migrated", "Snapshot", "Post-copy", "Post-copy Error"),
    STOPPED(5, "Stopped", "Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "Snapshot"),
    SHUTDOWN(6, "Shutdown", "Finished", "Finished after guest request", "Finished after host request"),
    PMSUSPENDED(7, "PMSuspended", "Memory", "Disk"),
    CRASHED(8, "Crashed", "Panicked", "Crashloaded");

    private final int value;
    private final String label;
    private final String[] detailLabels;

    DomainEventType(int value, String label, String... detailLabels) {
        this.value = value;
        this.label = label;
        this.detailLabels = detailLabels;
    }

    public int value() {
        return value;
    }

    /** The event name as {@code virsh event} prints it. */
    public String label() {
        return label;
    }

    /** The detail as {@code virsh event} prints it. */
    public String detailLabel(int detail) {
        return detail >= 0 && detail < detailLabels.length ? detailLabels[detail] : "unknown";
    }

    public static DomainEventType fromValue(int value) {
        for (DomainEventType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        throw new IllegalArgumentException("no domain event " + value);
    }

    /** Detail codes, per event type, as libvirt numbers them. */
    public static final class Detail {
        public static final int DEFINED_ADDED = 0;
        public static final int DEFINED_UPDATED = 1;
        public static final int DEFINED_RENAMED = 2;
        public static final int DEFINED_FROM_SNAPSHOT = 3;
        public static final int UNDEFINED_REMOVED = 0;
        public static final int UNDEFINED_RENAMED = 1;
        public static final int STARTED_BOOTED = 0;
        public static final int STARTED_MIGRATED = 1;
        public static final int STARTED_RESTORED = 2;
        public static final int STARTED_FROM_SNAPSHOT = 3;
        public static final int STARTED_WAKEUP = 4;
        public static final int SUSPENDED_PAUSED = 0;
        public static final int SUSPENDED_MIGRATED = 1;
        public static final int SUSPENDED_IOERROR = 2;
        public static final int SUSPENDED_WATCHDOG = 3;
        public static final int SUSPENDED_RESTORED = 4;
        public static final int SUSPENDED_FROM_SNAPSHOT = 5;
        public static final int SUSPENDED_API_ERROR = 6;
        public static final int RESUMED_UNPAUSED = 0;
        public static final int RESUMED_MIGRATED = 1;
        public static final int RESUMED_FROM_SNAPSHOT = 2;
        public static final int STOPPED_SHUTDOWN = 0;
        public static final int STOPPED_DESTROYED = 1;
        public static final int STOPPED_CRASHED = 2;
        public static final int STOPPED_MIGRATED = 3;
        public static final int STOPPED_SAVED = 4;
        public static final int STOPPED_FAILED = 5;
        public static final int STOPPED_FROM_SNAPSHOT = 6;
        public static final int SHUTDOWN_FINISHED = 0;
        public static final int SHUTDOWN_GUEST = 1;
        public static final int SHUTDOWN_HOST = 2;
        public static final int CRASHED_PANICKED = 0;

        private Detail() {
        }
    }
}
