package io.vireo.driver.test;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The domains of a test host by UUID, in definition order (listings keep libvirt's order), with an index by
 * name so that lookups and define's clash checks do not walk every domain. A domain's name never changes
 * while it is in the table: a definition replacing another must keep its name. Guarded by the host's lock.
 */
final class DomainTable {
    private final Map<UUID, TestDomain> byUuid = new LinkedHashMap<>();
    private final Map<String, TestDomain> byName = new HashMap<>();

    TestDomain get(UUID uuid) {
        return byUuid.get(uuid);
    }

    /** The domain named {@code name}, or null. */
    TestDomain named(String name) {
        return byName.get(name);
    }

    void put(UUID uuid, TestDomain d) {
        TestDomain old = byUuid.put(uuid, d);
        if (old != null) {
            byName.remove(old.name(), old);
        }
        byName.put(d.name(), d);
    }

    void remove(UUID uuid) {
        TestDomain old = byUuid.remove(uuid);
        if (old != null) {
            byName.remove(old.name(), old);
        }
    }

    Collection<TestDomain> values() {
        return Collections.unmodifiableCollection(byUuid.values());
    }
}
