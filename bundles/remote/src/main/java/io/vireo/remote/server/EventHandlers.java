package io.vireo.remote.server;

import static io.vireo.remote.protocol.Procedure.*;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.remote.protocol.CommonProcs.Empty;
import io.vireo.remote.protocol.CommonProcs.OneInt;
import io.vireo.remote.protocol.EventProcs;
import io.vireo.remote.server.EventRegistrations.Kind;

import java.util.UUID;

/**
 * Event callback registration (the modern, callback-id form that clients use once feature 14 is
 * answered yes). A filter object is matched by UUID only, as libvirt does, so it need not exist yet.
 * Every event id libvirt 9.0 defines can be registered, so clients that register many
 * (virsh event --all, virt-manager) work; what Vireo does not produce simply never arrives.
 */
final class EventHandlers {

    /** Network event ids libvirt 9.0 defines: lifecycle only. */
    static final int NETWORK_EVENT_ID_LAST = EventProcs.NETWORK_EVENT_ID_LIFECYCLE;
    /** Storage pool event ids: lifecycle and refresh. */
    static final int STORAGE_POOL_EVENT_ID_LAST = EventProcs.STORAGE_POOL_EVENT_ID_REFRESH;

    private EventHandlers() {
    }

    static void register(HandlerTable t) {
        t.on(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, EventProcs.DomainCallbackRegisterArgs.class,
            (s, a) -> add(s, Kind.DOMAIN, a.eventID(), EventProcs.DOMAIN_EVENT_ID_LAST,
                a.dom() == null ? null : a.dom().uuid()));
        t.on(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, OneInt.class,
            (s, a) -> remove(s, Kind.DOMAIN, a.value(), "domain"));
        t.on(CONNECT_NETWORK_EVENT_REGISTER_ANY, EventProcs.NetworkRegisterArgs.class,
            (s, a) -> add(s, Kind.NETWORK, a.eventID(), NETWORK_EVENT_ID_LAST,
                a.net() == null ? null : a.net().uuid()));
        t.on(CONNECT_NETWORK_EVENT_DEREGISTER_ANY, OneInt.class,
            (s, a) -> remove(s, Kind.NETWORK, a.value(), "network"));
        t.on(CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY, EventProcs.StoragePoolRegisterArgs.class,
            (s, a) -> add(s, Kind.STORAGE_POOL, a.eventID(), STORAGE_POOL_EVENT_ID_LAST,
                a.pool() == null ? null : a.pool().uuid()));
        t.on(CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY, OneInt.class,
            (s, a) -> remove(s, Kind.STORAGE_POOL, a.value(), "storage pool"));
    }

    private static OneInt add(Session s, Kind kind, int eventId, int lastId, UUID filter) {
        s.conn();
        if (eventId < 0 || eventId > lastId) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.RPC, "unsupported event ID %d", eventId);
        }
        int id = s.events().add(kind, eventId, filter);
        if (id < 0) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC,
                "too many event callbacks on this connection (%d)", EventRegistrations.MAX_PER_CLIENT);
        }
        return new OneInt(id);
    }

    private static Empty remove(Session s, Kind kind, int callbackId, String what) {
        s.conn();
        if (!s.events().remove(kind, callbackId)) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "%s event callback %d not registered",
                what, callbackId);
        }
        return Empty.INSTANCE;
    }
}
