package io.vireo.api;

/** Domain states with libvirt's numbers and the words virsh prints for them. */
public enum DomainState {
    NOSTATE(0, "no state"),
    RUNNING(1, "running"),
    BLOCKED(2, "idle"),
    PAUSED(3, "paused"),
    SHUTDOWN(4, "in shutdown"),
    SHUTOFF(5, "shut off"),
    CRASHED(6, "crashed"),
    PMSUSPENDED(7, "pmsuspended");

    private final int value;
    private final String label;

    DomainState(int value, String label) {
        this.value = value;
        this.label = label;
    }

    public int value() {
        return value;
    }

    /** The text virsh shows in {@code list} and {@code domstate}. */
    public String label() {
        return label;
    }

    public boolean isActive() {
        return this != SHUTOFF && this != NOSTATE;
    }

    public static DomainState fromValue(int value) {
        for (DomainState s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        return NOSTATE;
    }
}
