package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrStruct;

/** Decodes a packet's payload the way a peer would: by type, status and the procedure's signature. */
final class Payloads {

    /** The payload's struct, or null for a payload that is not XDR (stream data) or has no codec. */
    static XdrStruct decode(Packet p) {
        Header h = p.header();
        if (h.isKeepalive()) {
            return p.decodePayload(CommonProcs.Empty::decode);
        }
        ProcedureTable.Signature sig = h.remoteProcedure().flatMap(ProcedureTable::signature).orElse(null);
        if (sig == null) {
            return null;
        }
        return switch (h.type()) {
            case CALL -> sig.kind() == ProcedureTable.Kind.CALL ? p.decodePayload(sig.args()) : null;
            case REPLY -> switch (h.status()) {
                case OK -> sig.kind() == ProcedureTable.Kind.CALL ? p.decodePayload(sig.ret()) : null;
                case ERROR -> p.decodePayload(RemoteError::decode);
                case CONTINUE -> null;
            };
            case MESSAGE -> sig.kind() == ProcedureTable.Kind.EVENT ? p.decodePayload(sig.args()) : null;
            case STREAM_HOLE -> h.status() == MessageStatus.CONTINUE ? p.decodePayload(StreamHole::decode) : null;
            default -> null;
        };
    }

    private Payloads() {
    }
}
