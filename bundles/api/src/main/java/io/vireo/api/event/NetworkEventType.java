package io.vireo.api.event;

/** Network lifecycle events, numbered as libvirt's virNetworkEventLifecycleType (detail is always 0). */
public enum NetworkEventType {
    DEFINED(0, "Defined"), UNDEFINED(1, "Undefined"), STARTED(2, "Started"), STOPPED(3, "Stopped");

    private final int value;
    private final String label;

    NetworkEventType(int value, String label) {
        this.value = value;
        this.label = label;
    }

    public int value() {
        return value;
    }

    public String label() {
        return label;
    }
}
