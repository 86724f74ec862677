package io.vireo.core.audit;

import java.util.UUID;

/**
 * The object a change is made to: its kind ({@code domain}, {@code network}, {@code pool}, {@code volume},
 * {@code snapshot}, {@code host}), its name and, when it has one, its UUID. A definition that failed before
 * the object existed has the name {@code -}.
 */
public record AuditTarget(String kind, String name, UUID uuid) {
    public static final String UNKNOWN_NAME = "-";

    public static AuditTarget of(String kind, String name, UUID uuid) {
        return new AuditTarget(kind, name, uuid);
    }

    /** An object about to be made from XML, not named until the driver accepts it. */
    public static AuditTarget unnamed(String kind) {
        return new AuditTarget(kind, UNKNOWN_NAME, null);
    }
}
