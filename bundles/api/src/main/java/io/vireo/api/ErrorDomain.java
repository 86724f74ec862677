package io.vireo.api;

/** The subsystem an error comes from, with libvirt's numbers ({@code virErrorDomain}). */
public enum ErrorDomain {
    NONE(0), XEN(1), XML(5), DOM(6), RPC(7), QEMU(10), NET(11), TEST(12), REMOTE(13),
    STORAGE(18), NETWORK(19), DOMAIN(20), SECURITY(24), NODEDEV(22), LXC(27),
    DOMAIN_SNAPSHOT(35), STREAMS(38), URI(45), AUTH(46), ACCESS(55), DAEMON(47);

    private final int value;

    ErrorDomain(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static ErrorDomain fromValue(int value) {
        for (ErrorDomain d : values()) {
            if (d.value == value) {
                return d;
            }
        }
        return NONE;
    }
}
