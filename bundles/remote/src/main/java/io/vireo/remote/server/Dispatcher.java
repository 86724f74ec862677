package io.vireo.remote.server;

import io.vireo.api.VirtException;
import io.vireo.remote.protocol.Header;
import io.vireo.remote.protocol.MessageCodec;
import io.vireo.remote.protocol.MessageStatus;
import io.vireo.remote.protocol.MessageType;
import io.vireo.remote.protocol.Packet;
import io.vireo.remote.protocol.Procedure;
import io.vireo.remote.protocol.ProcedureTable;
import io.vireo.remote.protocol.Program;
import io.vireo.remote.protocol.RemoteError;
import io.vireo.remote.xdr.XdrException;
import io.vireo.remote.xdr.XdrStruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Set;

/**
 * Turns one CALL into its REPLY: checks program, status and authentication, decodes the args, runs the
 * handler and encodes the ret, or an error reply for whatever went wrong. It answers every call, so a
 * client never waits forever, and nothing a client sends can make it throw.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** What a client may call before it has authenticated. */
    private static final Set<Procedure> BEFORE_AUTH = EnumSet.of(Procedure.AUTH_LIST, Procedure.AUTH_SASL_INIT,
        Procedure.AUTH_SASL_START, Procedure.AUTH_SASL_STEP, Procedure.AUTH_POLKIT,
        Procedure.CONNECT_SUPPORTS_FEATURE, Procedure.CONNECT_CLOSE);

    private final HandlerTable handlers;

    Dispatcher(HandlerTable handlers) {
        this.handlers = handlers;
    }

    /** The whole reply packet for {@code call}, a CALL packet. */
    byte[] dispatch(Session session, Packet call) {
        Header h = call.header();
        try {
            return MessageCodec.reply(h, serve(session, call));
        } catch (VirtException e) {
            return MessageCodec.error(h, RemoteErrors.of(e));
        } catch (Failure f) {
            return MessageCodec.error(h, f.error);
        } catch (XdrException e) {
            // The ret did not encode (e.g. a list over its maximum): the call fails, not the connection.
            LOG.warn("Cannot encode the reply to {} for {}: {}", h, session.peer(), e.getMessage());
            return MessageCodec.error(h, RemoteErrors.internal("cannot encode reply: " + e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure serving {} for {}", h, session.peer(), e);
            return MessageCodec.error(h, RemoteErrors.internal(String.valueOf(e)));
        }
    }

    private XdrStruct serve(Session session, Packet call) {
        Header h = call.header();
        if (h.program() == Program.QEMU && h.version() == Program.VERSION) {
            return serveQemu(session, call);
        }
        if (h.program() != Program.REMOTE || h.version() != Program.VERSION) {
            throw new Failure(RemoteErrors.rpc(String.format("Cannot find program %d version %d",
                Integer.toUnsignedLong(h.program()), Integer.toUnsignedLong(h.version()))));
        }
        if (h.type() != MessageType.CALL) {
            throw new Failure(RemoteErrors.rpc("file descriptor passing is not supported"));
        }
        if (h.status() != MessageStatus.OK) {
            throw new Failure(RemoteErrors.rpc("Unexpected message status " + h.status().value()));
        }
        Procedure proc = Procedure.find(h.procedure())
            .orElseThrow(() -> new Failure(RemoteErrors.noSupport(h.procedure())));
        HandlerTable.Entry<?> entry = handlers.find(proc)
            .orElseThrow(() -> new Failure(RemoteErrors.noSupport(h.procedure())));
        if (!session.authenticated() && !BEFORE_AUTH.contains(proc)) {
            throw new Failure(RemoteErrors.rpc("authentication required"));
        }
        ProcedureTable.Signature sig = ProcedureTable.signature(proc).orElseThrow();
        XdrStruct args;
        try {
            args = call.decodePayload(sig.args());
        } catch (XdrException e) {
            throw new Failure(RemoteErrors.rpc("Unable to decode the arguments of " + RemoteErrors.apiName(proc)
                + ": " + e.getMessage()));
        }
        return entry.invoke(session, args, h);
    }

    private static XdrStruct serveQemu(Session session, Packet call) {
        Header h = call.header();
        if (h.type() != MessageType.CALL || h.status() != MessageStatus.OK) {
            throw new Failure(RemoteErrors.rpc("Unexpected message type or status for the QEMU program"));
        }
        if (!QemuProgram.serves(h.procedure())) {
            throw new Failure(RemoteErrors.noSupport("QEMU program procedure " + h.procedure()));
        }
        if (!session.authenticated()) {
            throw new Failure(RemoteErrors.rpc("authentication required"));
        }
        try {
            return QemuProgram.serve(session, call);
        } catch (XdrException e) {
            throw new Failure(RemoteErrors.rpc("Unable to decode the arguments of virDomainQemuMonitorCommand: "
                + e.getMessage()));
        }
    }

    /** A protocol error reply decided before the handler ran. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RemoteError error;

        Failure(RemoteError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
