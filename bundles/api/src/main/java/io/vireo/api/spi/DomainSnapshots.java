package io.vireo.api.spi;

import java.util.List;
import java.util.UUID;

/** Role: snapshots of a domain, named within it. Unknown names fail with NO_DOMAIN_SNAPSHOT. */
public interface DomainSnapshots {
    String create(UUID domain, String xml, int flags);

    List<String> listAll(UUID domain, int flags);

    /** The snapshot's name if it exists (fails otherwise). */
    String lookupByName(UUID domain, String name);

    String xmlDesc(UUID domain, String name, int flags);

    /** The current snapshot's name, or null when there is none. */
    String current(UUID domain);

    /** The parent's name, or null for a root snapshot. */
    String parent(UUID domain, String name);

    void revert(UUID domain, String name, int flags);

    void delete(UUID domain, String name, int flags);
}
