package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

import java.util.Objects;
import java.util.Optional;

/**
 * Event registration and event messages. Modern clients (feature REMOTE_EVENT_CALLBACK answered 1)
 * register per event id and get a callback id; every event MESSAGE then starts with that id. Register
 * replies and deregister args are a plain {@link CommonProcs.OneInt} callback id.
 */
public final class EventProcs {

    private EventProcs() {
    }

    // Domain event ids (virDomainEventID), 0..26 in libvirt 9.0
    public static final int DOMAIN_EVENT_ID_LIFECYCLE = 0;
    public static final int DOMAIN_EVENT_ID_REBOOT = 1;
    public static final int DOMAIN_EVENT_ID_LAST = 26;

    /** Network, storage pool: the lifecycle event id. */
    public static final int NETWORK_EVENT_ID_LIFECYCLE = 0;
    public static final int STORAGE_POOL_EVENT_ID_LIFECYCLE = 0;
    public static final int STORAGE_POOL_EVENT_ID_REFRESH = 1;

    // CONNECT_EVENT_CONNECTION_CLOSED reasons
    public static final int CLOSE_REASON_ERROR = 0;
    public static final int CLOSE_REASON_EOF = 1;
    public static final int CLOSE_REASON_KEEPALIVE = 2;
    public static final int CLOSE_REASON_CLIENT = 3;

    private static final Procedure[] DOMAIN_CALLBACK_EVENTS = {
        Procedure.DOMAIN_EVENT_CALLBACK_LIFECYCLE, Procedure.DOMAIN_EVENT_CALLBACK_REBOOT,
        Procedure.DOMAIN_EVENT_CALLBACK_RTC_CHANGE, Procedure.DOMAIN_EVENT_CALLBACK_WATCHDOG,
        Procedure.DOMAIN_EVENT_CALLBACK_IO_ERROR, Procedure.DOMAIN_EVENT_CALLBACK_GRAPHICS,
        Procedure.DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON, Procedure.DOMAIN_EVENT_CALLBACK_CONTROL_ERROR,
        Procedure.DOMAIN_EVENT_CALLBACK_BLOCK_JOB, Procedure.DOMAIN_EVENT_CALLBACK_DISK_CHANGE,
        Procedure.DOMAIN_EVENT_CALLBACK_TRAY_CHANGE, Procedure.DOMAIN_EVENT_CALLBACK_PMWAKEUP,
        Procedure.DOMAIN_EVENT_CALLBACK_PMSUSPEND, Procedure.DOMAIN_EVENT_CALLBACK_BALLOON_CHANGE,
        Procedure.DOMAIN_EVENT_CALLBACK_PMSUSPEND_DISK, Procedure.DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED,
        Procedure.DOMAIN_EVENT_BLOCK_JOB_2, Procedure.DOMAIN_EVENT_CALLBACK_TUNABLE,
        Procedure.DOMAIN_EVENT_CALLBACK_AGENT_LIFECYCLE, Procedure.DOMAIN_EVENT_CALLBACK_DEVICE_ADDED,
        Procedure.DOMAIN_EVENT_CALLBACK_MIGRATION_ITERATION, Procedure.DOMAIN_EVENT_CALLBACK_JOB_COMPLETED,
        Procedure.DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED, Procedure.DOMAIN_EVENT_CALLBACK_METADATA_CHANGE,
        Procedure.DOMAIN_EVENT_BLOCK_THRESHOLD, Procedure.DOMAIN_EVENT_MEMORY_FAILURE,
        Procedure.DOMAIN_EVENT_MEMORY_DEVICE_SIZE_CHANGE,
    };

    /** The MESSAGE procedure that carries domain event {@code eventId} to a callback registration. */
    public static Optional<Procedure> domainEventProcedure(int eventId) {
        return eventId >= 0 && eventId < DOMAIN_CALLBACK_EVENTS.length
            ? Optional.of(DOMAIN_CALLBACK_EVENTS[eventId]) : Optional.empty();
    }

    /** CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY args; a non-null {@code dom} filters by its UUID. */
    public record DomainCallbackRegisterArgs(int eventID, NonnullDomain dom) implements XdrStruct {
        public static DomainCallbackRegisterArgs decode(XdrDecoder d) {
            return new DomainCallbackRegisterArgs(d.readInt(), d.readOptional(NonnullDomain::decode));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(eventID).writeOptional(dom, XdrEncoder::writeStruct);
        }
    }

    /** CONNECT_NETWORK_EVENT_REGISTER_ANY args. */
    public record NetworkRegisterArgs(int eventID, NonnullNetwork net) implements XdrStruct {
        public static NetworkRegisterArgs decode(XdrDecoder d) {
            return new NetworkRegisterArgs(d.readInt(), d.readOptional(NonnullNetwork::decode));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(eventID).writeOptional(net, XdrEncoder::writeStruct);
        }
    }

    /** CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY args. */
    public record StoragePoolRegisterArgs(int eventID, NonnullStoragePool pool) implements XdrStruct {
        public static StoragePoolRegisterArgs decode(XdrDecoder d) {
            return new StoragePoolRegisterArgs(d.readInt(), d.readOptional(NonnullStoragePool::decode));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(eventID).writeOptional(pool, XdrEncoder::writeStruct);
        }
    }

    /** DOMAIN_EVENT_CALLBACK_LIFECYCLE (318): event and detail numbered as virDomainEventType. */
    public record DomainLifecycleMsg(int callbackID, NonnullDomain dom, int event, int detail) implements XdrStruct {
        public DomainLifecycleMsg {
            Objects.requireNonNull(dom, "dom");
        }

        public static DomainLifecycleMsg decode(XdrDecoder d) {
            return new DomainLifecycleMsg(d.readInt(), NonnullDomain.decode(d), d.readInt(), d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(callbackID).writeStruct(dom).writeInt(event).writeInt(detail);
        }
    }

    /** DOMAIN_EVENT_CALLBACK_REBOOT (319). */
    public record DomainRebootMsg(int callbackID, NonnullDomain dom) implements XdrStruct {
        public DomainRebootMsg {
            Objects.requireNonNull(dom, "dom");
        }

        public static DomainRebootMsg decode(XdrDecoder d) {
            return new DomainRebootMsg(d.readInt(), NonnullDomain.decode(d));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(callbackID).writeStruct(dom);
        }
    }

    /** DOMAIN_EVENT_LIFECYCLE (107): the legacy form, without a callback id. */
    public record LegacyDomainLifecycleMsg(NonnullDomain dom, int event, int detail) implements XdrStruct {
        public LegacyDomainLifecycleMsg {
            Objects.requireNonNull(dom, "dom");
        }

        public static LegacyDomainLifecycleMsg decode(XdrDecoder d) {
            return new LegacyDomainLifecycleMsg(NonnullDomain.decode(d), d.readInt(), d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeInt(event).writeInt(detail);
        }
    }

    /** NETWORK_EVENT_LIFECYCLE (315): event 0 DEFINED, 1 UNDEFINED, 2 STARTED, 3 STOPPED. */
    public record NetworkLifecycleMsg(int callbackID, NonnullNetwork net, int event, int detail)
        implements XdrStruct {
        public NetworkLifecycleMsg {
            Objects.requireNonNull(net, "net");
        }

        public static NetworkLifecycleMsg decode(XdrDecoder d) {
            return new NetworkLifecycleMsg(d.readInt(), NonnullNetwork.decode(d), d.readInt(), d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(callbackID).writeStruct(net).writeInt(event).writeInt(detail);
        }
    }

    /** STORAGE_POOL_EVENT_LIFECYCLE (370). */
    public record StoragePoolLifecycleMsg(int callbackID, NonnullStoragePool pool, int event, int detail)
        implements XdrStruct {
        public StoragePoolLifecycleMsg {
            Objects.requireNonNull(pool, "pool");
        }

        public static StoragePoolLifecycleMsg decode(XdrDecoder d) {
            return new StoragePoolLifecycleMsg(d.readInt(), NonnullStoragePool.decode(d), d.readInt(), d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(callbackID).writeStruct(pool).writeInt(event).writeInt(detail);
        }
    }

    /** STORAGE_POOL_EVENT_REFRESH (373). */
    public record StoragePoolRefreshMsg(int callbackID, NonnullStoragePool pool) implements XdrStruct {
        public StoragePoolRefreshMsg {
            Objects.requireNonNull(pool, "pool");
        }

        public static StoragePoolRefreshMsg decode(XdrDecoder d) {
            return new StoragePoolRefreshMsg(d.readInt(), NonnullStoragePool.decode(d));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(callbackID).writeStruct(pool);
        }
    }
}
