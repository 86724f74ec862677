package io.vireo.remote.server;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.remote.protocol.CommonProcs.Empty;

import java.util.List;

/** Small pieces the handler classes share. */
final class Calls {

    private Calls() {
    }

    /** Runs a call whose reply is void. */
    static Empty done(Runnable call) {
        call.run();
        return Empty.INSTANCE;
    }

    /** libvirt refuses unknown flag bits rather than ignoring them; calls that take none refuse all. */
    static void noFlags(int flags, String api) {
        if (flags != 0) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.RPC, "unsupported flags (0x%x) in function %s",
                flags, api);
        }
    }

    /** The first {@code max} elements: the old List* calls return at most what the client has room for. */
    static <T> List<T> first(List<T> list, int max) {
        return list.size() <= Math.max(0, max) ? list : list.subList(0, Math.max(0, max));
    }
}
