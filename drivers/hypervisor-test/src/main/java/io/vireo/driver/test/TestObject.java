package io.vireo.driver.test;

import io.vireo.api.spi.ObjectRef;

import java.util.UUID;

/** A network or storage pool of the test host: its definition and its flags. Guarded by the host's lock. */
abstract class TestObject<D> {
    D def;
    boolean active;
    boolean persistent;
    boolean autostart;

    TestObject(D def) {
        this.def = def;
    }

    abstract String name();

    abstract UUID uuid();

    ObjectRef ref() {
        return new ObjectRef(name(), uuid());
    }
}
