package io.vireo.remote.server;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.remote.protocol.Procedure;
import io.vireo.remote.protocol.RemoteError;

import java.util.Locale;

/** The {@code remote_error}s the server sends: Vireo's own errors verbatim, and the protocol's few. */
final class RemoteErrors {

    private RemoteErrors() {
    }

    /** The same code, domain and message the API raised; the client re-raises them unchanged. */
    static RemoteError of(VirtException e) {
        String message = e.getMessage() == null ? e.code().prefix() : e.getMessage();
        return RemoteError.of(e.code().value(), e.domain().value(), message);
    }

    /**
     * A procedure we have no handler for. Code 3 is what virsh checks before falling back to older
     * calls, so it must be exactly NO_SUPPORT (not libvirtd's "unknown procedure" RPC error).
     */
    static RemoteError noSupport(int procedure) {
        String api = Procedure.find(procedure).map(RemoteErrors::apiName).orElse("procedure " + procedure);
        return RemoteError.of(ErrorCode.NO_SUPPORT.value(), ErrorDomain.RPC.value(), ErrorCode.NO_SUPPORT.message(api));
    }

    /** NO_SUPPORT for a call known by its API name (a procedure outside the REMOTE program). */
    static RemoteError noSupport(String api) {
        return RemoteError.of(ErrorCode.NO_SUPPORT.value(), ErrorDomain.RPC.value(), ErrorCode.NO_SUPPORT.message(api));
    }

    /** A protocol-level problem with one call (bad program, undecodable args); the connection stays. */
    static RemoteError rpc(String message) {
        return RemoteError.of(ErrorCode.RPC.value(), ErrorDomain.RPC.value(), message);
    }

    static RemoteError internal(String detail) {
        return RemoteError.of(ErrorCode.INTERNAL_ERROR.value(), ErrorDomain.RPC.value(),
            ErrorCode.INTERNAL_ERROR.message(detail));
    }

    /** libvirt's public name of the API behind a procedure, e.g. DOMAIN_GET_INFO -> virDomainGetInfo. */
    static String apiName(Procedure p) {
        StringBuilder sb = new StringBuilder("vir");
        for (String word : p.name().split("_")) {
            if (!word.isEmpty()) {
                sb.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }
}
