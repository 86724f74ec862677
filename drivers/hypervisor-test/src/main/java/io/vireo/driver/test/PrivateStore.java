package io.vireo.driver.test;

import io.vireo.api.spi.DefinitionStore;

import java.util.Map;

/** The store of a private host made from a node file: it keeps nothing, the file is the only source. */
final class PrivateStore implements DefinitionStore {
    @Override
    public void save(String collection, String name, String xml) {
    }

    @Override
    public void delete(String collection, String name) {
    }

    @Override
    public Map<String, String> loadAll(String collection) {
        return Map.of();
    }

    @Override
    public boolean isAutostart(String collection, String name) {
        return false;
    }

    @Override
    public void setAutostart(String collection, String name, boolean autostart) {
    }

    @Override
    public boolean isPersistent() {
        return false;
    }
}
