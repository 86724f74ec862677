package io.vireo.api.spi;

import java.util.Map;

/**
 * Persistent XML definitions of one driver, grouped in collections ("domains", "networks", "storage",
 * "snapshots/NAME"). Writes are atomic: a reader or a crash never sees half a file.
 */
public interface DefinitionStore {
    /** Writes or replaces {@code name}'s definition. */
    void save(String collection, String name, String xml);

    /** Removes {@code name}'s definition and its autostart mark, if any. */
    void delete(String collection, String name);

    /** Every definition of the collection, by name. */
    Map<String, String> loadAll(String collection);

    boolean isAutostart(String collection, String name);

    void setAutostart(String collection, String name, boolean autostart);

    /** Whether definitions survive a restart of the daemon. */
    boolean isPersistent();
}
