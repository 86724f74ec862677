package io.vireo.remote.server;

import io.vireo.remote.protocol.ConnectProcs;

import java.util.Locale;

/**
 * How a listening socket authenticates its clients, with the number AUTH_LIST sends. Only NONE is
 * implemented; the others exist so that a configuration asking for them is refused, never downgraded.
 */
enum AuthMethod {
    NONE(ConnectProcs.AUTH_NONE, true),
    SASL(ConnectProcs.AUTH_SASL, false),
    POLKIT(ConnectProcs.AUTH_POLKIT, false);

    private final int wireValue;
    private final boolean implemented;

    AuthMethod(int wireValue, boolean implemented) {
        this.wireValue = wireValue;
        this.implemented = implemented;
    }

    int wireValue() {
        return wireValue;
    }

    boolean implemented() {
        return implemented;
    }

    /** libvirtd.conf's spelling ({@code none}, {@code sasl}, {@code polkit}); unknown words are errors. */
    static AuthMethod parse(String key, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (AuthMethod m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException(key + " = '" + value + "': expected none, sasl or polkit");
    }
}
