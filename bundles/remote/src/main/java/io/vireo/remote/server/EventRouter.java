package io.vireo.remote.server;

import io.vireo.api.Connection;
import io.vireo.api.event.DomainEventType;
import io.vireo.remote.protocol.EventProcs;
import io.vireo.remote.protocol.MessageCodec;
import io.vireo.remote.protocol.NonnullDomain;
import io.vireo.remote.protocol.NonnullNetwork;
import io.vireo.remote.protocol.NonnullStoragePool;
import io.vireo.remote.protocol.Procedure;
import io.vireo.remote.server.EventRegistrations.Kind;
import io.vireo.remote.server.EventRegistrations.Registration;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Sends Vireo's events to the clients that registered for them: only clients whose connection has the
 * event's URI, once per matching callback, each message starting with that callback's id. Messages go
 * into each client's send queue in the order the events arrive here, so a client sees them in order.
 */
final class EventRouter {
    private final Supplier<? extends Collection<? extends EventTarget>> clients;

    EventRouter(Supplier<? extends Collection<? extends EventTarget>> clients) {
        this.clients = clients;
    }

    /**
     * @param id the domain's id when the event happened, or null when the event does not say; then it
     *           is looked up on delivery (at most once per event, only if someone listens), which for a
     *           domain that stopped meanwhile gives -1
     */
    void domainLifecycle(String uri, String name, UUID uuid, Integer id, int event, int detail) {
        int[] domId = {id == null ? Integer.MIN_VALUE : id};
        for (EventTarget c : clients.get()) {
            Connection conn = listening(c, uri);
            if (conn == null) {
                continue;
            }
            List<Registration> regs = c.session().events().matching(Kind.DOMAIN, EventProcs.DOMAIN_EVENT_ID_LIFECYCLE, uuid);
            if (regs.isEmpty()) {
                continue;
            }
            if (domId[0] == Integer.MIN_VALUE) {
                domId[0] = domainId(conn, uuid, event);
            }
            NonnullDomain dom = new NonnullDomain(name, uuid, domId[0]);
            for (Registration r : regs) {
                c.send(MessageCodec.event(Procedure.DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                    new EventProcs.DomainLifecycleMsg(r.callbackId(), dom, event, detail)));
            }
        }
    }

    void networkLifecycle(String uri, String name, UUID uuid, int event, int detail) {
        NonnullNetwork net = new NonnullNetwork(name, uuid);
        for (EventTarget c : clients.get()) {
            if (listening(c, uri) == null) {
                continue;
            }
            for (Registration r : c.session().events().matching(Kind.NETWORK, EventProcs.NETWORK_EVENT_ID_LIFECYCLE, uuid)) {
                c.send(MessageCodec.event(Procedure.NETWORK_EVENT_LIFECYCLE,
                    new EventProcs.NetworkLifecycleMsg(r.callbackId(), net, event, detail)));
            }
        }
    }

    void storagePoolLifecycle(String uri, String name, UUID uuid, int event, int detail) {
        NonnullStoragePool pool = new NonnullStoragePool(name, uuid);
        for (EventTarget c : clients.get()) {
            if (listening(c, uri) == null) {
                continue;
            }
            for (Registration r : c.session().events()
                    .matching(Kind.STORAGE_POOL, EventProcs.STORAGE_POOL_EVENT_ID_LIFECYCLE, uuid)) {
                c.send(MessageCodec.event(Procedure.STORAGE_POOL_EVENT_LIFECYCLE,
                    new EventProcs.StoragePoolLifecycleMsg(r.callbackId(), pool, event, detail)));
            }
        }
    }

    /** The client's connection if it is open on {@code uri}, else null. */
    private static Connection listening(EventTarget c, String uri) {
        Connection conn = c.session().connectionOrNull();
        return conn != null && uri.equals(conn.uri()) ? conn : null;
    }

    /** -1 once the domain is gone or stopped, its running id otherwise. */
    private static int domainId(Connection conn, UUID uuid, int event) {
        if (event == DomainEventType.STOPPED.value() || event == DomainEventType.UNDEFINED.value()) {
            return -1;
        }
        try {
            return conn.lookupDomainByUuid(uuid).id();
        } catch (RuntimeException e) { // gone meanwhile, or the connection closed
            return -1;
        }
    }
}
