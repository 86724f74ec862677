package io.vireo.remote.server;

import io.vireo.api.ConnectionFactory;
import io.vireo.remote.protocol.Header;
import io.vireo.remote.protocol.Procedure;
import io.vireo.remote.protocol.ProcedureTable;
import io.vireo.remote.xdr.XdrStruct;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which handler serves which procedure. Args are decoded with {@link ProcedureTable}'s codec, so a
 * handler can only be registered for a procedure that has one; the arg class is checked on every call.
 */
final class HandlerTable {

    /**
     * Serves a procedure that opens a stream: it also gets the header of the call, whose procedure and
     * serial every packet of the stream carries.
     */
    @FunctionalInterface
    interface StreamHandler<A extends XdrStruct> {
        XdrStruct handle(Session session, A args, Header call);
    }

    /** A handler and the args class it expects. */
    record Entry<A extends XdrStruct>(Class<A> argType, StreamHandler<A> handler) {
        XdrStruct invoke(Session session, XdrStruct args, Header call) {
            return handler.handle(session, argType.cast(args), call);
        }
    }

    private final Map<Procedure, Entry<?>> entries = new EnumMap<>(Procedure.class);

    <A extends XdrStruct> void on(Procedure p, Class<A> argType, Handler<A> handler) {
        onStream(p, argType, (s, a, call) -> handler.handle(s, a));
    }

    <A extends XdrStruct> void onStream(Procedure p, Class<A> argType, StreamHandler<A> handler) {
        ProcedureTable.Signature sig = ProcedureTable.signature(p)
            .orElseThrow(() -> new IllegalArgumentException(p + " has no codec"));
        if (sig.kind() != ProcedureTable.Kind.CALL) {
            throw new IllegalArgumentException(p + " is an event, not a call");
        }
        if (entries.put(p, new Entry<>(argType, handler)) != null) {
            throw new IllegalStateException("two handlers for " + p);
        }
    }

    Optional<Entry<?>> find(Procedure p) {
        return Optional.ofNullable(entries.get(p));
    }

    Map<Procedure, Entry<?>> all() {
        return Collections.unmodifiableMap(entries);
    }

    /** Every procedure the server implements. */
    static HandlerTable standard(ConnectionFactory factory) {
        HandlerTable t = new HandlerTable();
        new ConnectHandlers(factory).register(t);
        DomainHandlers.register(t);
        DeviceStatsHandlers.register(t);
        NetworkHandlers.register(t);
        StorageHandlers.register(t);
        SnapshotHandlers.register(t);
        EventHandlers.register(t);
        StreamHandlers.register(t);
        return t;
    }
}
