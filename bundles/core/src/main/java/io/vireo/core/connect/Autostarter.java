package io.vireo.core.connect;

import io.vireo.api.Connection;
import io.vireo.api.ConnectionFactory;
import io.vireo.api.Domain;
import io.vireo.api.ErrorCode;
import io.vireo.api.ListFlags;
import io.vireo.api.Network;
import io.vireo.api.StoragePool;
import io.vireo.api.VirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts what is marked autostart on one URI, in the order objects depend on each other: networks, then
 * storage pools, then domains. A failure is logged and the rest still start.
 */
final class Autostarter {
    private static final Logger LOG = LoggerFactory.getLogger(Autostarter.class);

    private final ConnectionFactory factory;
    private final String principal;

    Autostarter(ConnectionFactory factory, String principal) {
        this.factory = factory;
        this.principal = principal;
    }

    /** Opens {@code uri} (its driver finds its running guests then) and, when {@code autostart}, starts what is marked. */
    void run(String uri, boolean autostart) {
        try (Connection conn = factory.open(uri, false, principal)) {
            if (!autostart) {
                return;
            }
            for (Network n : supported(() -> conn.listAllNetworks(ListFlags.NETWORK_INACTIVE | ListFlags.NETWORK_AUTOSTART))) {
                start("network", n.name(), n::create);
            }
            for (StoragePool p : supported(() -> conn.listAllStoragePools(ListFlags.POOL_INACTIVE | ListFlags.POOL_AUTOSTART))) {
                start("storage pool", p.name(), () -> p.create(0));
            }
            for (Domain d : supported(() -> conn.listAllDomains(ListFlags.DOMAIN_INACTIVE | ListFlags.DOMAIN_AUTOSTART))) {
                start("domain", d.name(), () -> d.create(0));
            }
        } catch (VirtException e) {
            LOG.warn("Autostart on {} failed: {}", uri, e.getMessage());
        }
    }

    private static <T> java.util.List<T> supported(java.util.function.Supplier<java.util.List<T>> list) {
        try {
            return list.get();
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_SUPPORT) {
                return java.util.List.of();
            }
            throw e;
        }
    }

    private static void start(String kind, String name, Runnable action) {
        try {
            action.run();
            LOG.info("Autostarted {} '{}'", kind, name);
        } catch (VirtException e) {
            LOG.warn("Failed to autostart {} '{}': {}", kind, name, e.getMessage());
        }
    }
}
