package io.vireo.core.store;

import io.vireo.api.spi.DefinitionStore;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Definitions kept for the life of the daemon only: for drivers that are not persistent, like libvirt's test driver. */
public final class MemoryDefinitionStore implements DefinitionStore {
    private final Map<String, Map<String, String>> collections = new ConcurrentHashMap<>();
    private final Set<String> autostart = ConcurrentHashMap.newKeySet();

    @Override
    public void save(String collection, String name, String xml) {
        Names.checkCollection(collection);
        collections.computeIfAbsent(collection, c -> new ConcurrentHashMap<>()).put(Names.checkName(name), xml);
    }

    @Override
    public void delete(String collection, String name) {
        Map<String, String> c = collections.get(collection);
        if (c != null) {
            c.remove(name);
        }
        autostart.remove(collection + '\0' + name);
    }

    @Override
    public Map<String, String> loadAll(String collection) {
        return new TreeMap<>(collections.getOrDefault(collection, Map.of()));
    }

    @Override
    public boolean isAutostart(String collection, String name) {
        return autostart.contains(collection + '\0' + name);
    }

    @Override
    public void setAutostart(String collection, String name, boolean on) {
        String key = collection + '\0' + Names.checkName(name);
        if (on) {
            autostart.add(key);
        } else {
            autostart.remove(key);
        }
    }

    @Override
    public boolean isPersistent() {
        return false;
    }
}
