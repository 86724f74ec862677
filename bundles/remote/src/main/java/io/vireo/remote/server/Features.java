package io.vireo.remote.server;

import static io.vireo.remote.protocol.ConnectProcs.FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER;
import static io.vireo.remote.protocol.ConnectProcs.FEATURE_PROGRAM_KEEPALIVE;
import static io.vireo.remote.protocol.ConnectProcs.FEATURE_REMOTE_CLOSE_CALLBACK;
import static io.vireo.remote.protocol.ConnectProcs.FEATURE_REMOTE_EVENT_CALLBACK;
import static io.vireo.remote.protocol.ConnectProcs.FEATURE_TYPED_PARAM_STRING;

import java.util.Set;

/**
 * CONNECT_SUPPORTS_FEATURE answers. Yes only for what the server really does: keepalive, server-side
 * event callbacks, the close callback, string typed params and the fixed network-update order. No for
 * migration (none yet) and fd passing (plain JDK sockets cannot carry SCM_RIGHTS), which makes clients
 * refuse those APIs locally instead of failing half-way.
 */
final class Features {

    private static final Set<Integer> SUPPORTED = Set.of(FEATURE_TYPED_PARAM_STRING, FEATURE_PROGRAM_KEEPALIVE,
        FEATURE_REMOTE_EVENT_CALLBACK, FEATURE_REMOTE_CLOSE_CALLBACK, FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER);

    private Features() {
    }

    /** Unknown feature numbers are simply unsupported, not an error. */
    static boolean supported(int feature) {
        return SUPPORTED.contains(feature);
    }
}
