package io.vireo.driver.test;

import io.vireo.api.ErrorCode;
import io.vireo.api.spi.ObjectRef;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The networks or the storage pools of a test host, by UUID, with lookups, listing filters and libvirt's
 * checks for clashing names and UUIDs, worded for the kind of object they hold.
 */
final class ObjectTable<O extends TestObject<?>> {
    /** The listAll filter bits of one kind of object (they differ between networks and pools only in value). */
    record Filters(int active, int inactive, int persistent, int transientOnly, int autostart, int noAutostart) {
    }

    private final Map<UUID, O> objects = new LinkedHashMap<>();
    private final String kind;
    private final String longKind;
    private final ErrorCode notFound;
    private final Filters filters;

    /**
     * @param kind     the word in clash messages ("network", "pool")
     * @param longKind the words in not-found messages ("network", "storage pool")
     */
    ObjectTable(String kind, String longKind, ErrorCode notFound, Filters filters) {
        this.kind = kind;
        this.longKind = longKind;
        this.notFound = notFound;
        this.filters = filters;
    }

    O get(UUID uuid) {
        O o = objects.get(uuid);
        if (o == null) {
            throw Errors.of(notFound, "no %s with matching uuid '%s'", longKind, uuid);
        }
        return o;
    }

    /** The object named {@code name}, or null. */
    O find(String name) {
        for (O o : objects.values()) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }

    O getByName(String name) {
        O o = find(name);
        if (o == null) {
            throw Errors.of(notFound, "no %s with matching name '%s'", longKind, name);
        }
        return o;
    }

    /** The object a definition with {@code name} and {@code uuid} would replace, or null for a new one. */
    O existingFor(String name, UUID uuid) {
        O sameName = find(name);
        O sameUuid = objects.get(uuid);
        if (sameName != null && sameName != sameUuid) {
            throw Errors.of(ErrorCode.OPERATION_FAILED, "%s '%s' already exists with uuid %s", kind, name,
                    sameName.uuid());
        }
        if (sameUuid != null && !sameUuid.name().equals(name)) {
            throw Errors.of(ErrorCode.OPERATION_FAILED, "%s '%s' is already defined with uuid %s", kind,
                    sameUuid.name(), uuid);
        }
        return sameUuid;
    }

    List<ObjectRef> list(int flags) {
        List<ObjectRef> refs = new ArrayList<>();
        for (O o : objects.values()) {
            if (TestDomains.pair(flags, filters.active(), filters.inactive(), o.active)
                    && TestDomains.pair(flags, filters.persistent(), filters.transientOnly(), o.persistent)
                    && TestDomains.pair(flags, filters.autostart(), filters.noAutostart(), o.autostart)) {
                refs.add(o.ref());
            }
        }
        return refs;
    }

    void put(O o) {
        objects.put(o.uuid(), o);
    }

    void remove(UUID uuid) {
        objects.remove(uuid);
    }

    Collection<O> values() {
        return objects.values();
    }
}
