package io.vireo.api;

/**
 * A state and the reason it was reached, both with libvirt's numbers
 * ({@code virDomainRunningReason}, {@code virDomainShutoffReason}, ...).
 */
public record DomainStateReason(DomainState state, int reason) {

    /** Reason numbers, per state, as libvirt defines them. */
    public static final class Reasons {
        public static final int UNKNOWN = 0;
        public static final int RUNNING_BOOTED = 1;
        public static final int RUNNING_MIGRATED = 2;
        public static final int RUNNING_RESTORED = 3;
        public static final int RUNNING_FROM_SNAPSHOT = 4;
        public static final int RUNNING_UNPAUSED = 5;
        public static final int RUNNING_WAKEUP = 8;
        public static final int PAUSED_USER = 1;
        public static final int PAUSED_SHUTTING_DOWN = 6;
        public static final int PAUSED_FROM_SNAPSHOT = 7;
        public static final int PAUSED_STARTING_UP = 11;
        public static final int SHUTDOWN_USER = 1;
        public static final int SHUTOFF_SHUTDOWN = 1;
        public static final int SHUTOFF_DESTROYED = 2;
        public static final int SHUTOFF_CRASHED = 3;
        public static final int SHUTOFF_MIGRATED = 4;
        public static final int SHUTOFF_SAVED = 5;
        public static final int SHUTOFF_FAILED = 6;
        public static final int SHUTOFF_FROM_SNAPSHOT = 7;
        public static final int SHUTOFF_DAEMON = 8;
        public static final int CRASHED_PANICKED = 1;

        private Reasons() {
        }
    }

    private static final String[][] LABELS = {
        {"unknown"},
        {"unknown", "booted", "migrated", "restored", "from snapshot", "unpaused", "migration canceled",
            "save canceled", "event wakeup", "crashed", "post-copy", "post-copy failed"},
        {"unknown"},
        {"unknown", "user", "migrating", "saving", "dumping", "I/O error", "shutting down", "from snapshot",
            "crashed", "starting up", "post-copy", "post-copy failed", "API error"},
        {"unknown", "user"},
        {"unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed", "from snapshot",
            "daemon"},
        {"unknown", "panicked"},
        {"unknown"},
    };

    /** The reason as virsh prints it with {@code domstate --reason}. */
    public String reasonLabel() {
        String[] labels = LABELS[state.value()];
        return reason >= 0 && reason < labels.length ? labels[reason] : "unknown";
    }
}
