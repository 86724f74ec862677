package io.vireo.core.connect;

import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainRef;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.ObjectRef;
import io.vireo.api.spi.VolumeRef;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A driver connection that implements every role with one canned object per kind (domain vm1, network
 * net1, pool pool1, volume pool1/vol1, snapshot snap1) and records the SPI calls it gets; a call can be
 * made to fail with {@link #failing}.
 */
final class FakeDriver implements DriverConnection {
    static final UUID DOMAIN_UUID = UUID.fromString("11111111-2222-3333-4444-555555555555");
    static final UUID NETWORK_UUID = UUID.fromString("22222222-2222-3333-4444-555555555555");
    static final UUID POOL_UUID = UUID.fromString("33333333-2222-3333-4444-555555555555");
    static final VolumeRef VOLUME = new VolumeRef("pool1", "vol1", "/pool1/vol1", "/pool1/vol1");

    final List<String> calls = new ArrayList<>();
    private final Map<String, VirtException> failures = new HashMap<>();

    /** Makes {@code role.method} (e.g. "DomainLifecycle.start") throw {@code error}. */
    FakeDriver failing(String call, VirtException error) {
        failures.put(call, error);
        return this;
    }

    @Override
    public ErrorDomain errorDomain() {
        return ErrorDomain.TEST;
    }

    @Override
    public <T> T role(Class<T> role) {
        return role.cast(Proxy.newProxyInstance(role.getClassLoader(), new Class<?>[] {role}, (proxy, method, args) -> {
            String call = role.getSimpleName() + "." + method.getName();
            calls.add(call);
            VirtException failure = failures.get(call);
            if (failure != null) {
                throw failure;
            }
            Class<?> type = method.getReturnType();
            if (type == DomainRef.class) {
                return new DomainRef("vm1", DOMAIN_UUID, 1);
            } else if (type == ObjectRef.class) {
                return role.getSimpleName().equals("Networks") ? new ObjectRef("net1", NETWORK_UUID)
                        : new ObjectRef("pool1", POOL_UUID);
            } else if (type == VolumeRef.class) {
                return VOLUME;
            } else if (type == String.class) {
                return "snap1";
            } else if (type == boolean.class) {
                return false;
            } else if (type == int.class) {
                return 0;
            } else if (type == List.class) {
                return List.of();
            }
            return null;
        }));
    }
}
