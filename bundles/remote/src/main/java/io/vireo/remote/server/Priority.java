package io.vireo.remote.server;

import io.vireo.remote.protocol.Procedure;

import java.util.EnumSet;
import java.util.Set;

/**
 * Calls that may run on the priority workers: the ones a user reaches for when everything else is stuck
 * (destroy), and quick reads that never wait on a guest. They must not block for long themselves, or
 * they would use up the lane they are meant to keep free.
 */
final class Priority {

    private static final Set<Procedure> HIGH = EnumSet.of(
        Procedure.DOMAIN_DESTROY, Procedure.DOMAIN_DESTROY_FLAGS,
        Procedure.AUTH_LIST, Procedure.CONNECT_SUPPORTS_FEATURE, Procedure.CONNECT_CLOSE,
        Procedure.CONNECT_GET_URI, Procedure.CONNECT_GET_TYPE, Procedure.CONNECT_GET_VERSION,
        Procedure.CONNECT_GET_LIB_VERSION, Procedure.CONNECT_GET_HOSTNAME, Procedure.CONNECT_IS_SECURE,
        Procedure.CONNECT_REGISTER_CLOSE_CALLBACK, Procedure.CONNECT_UNREGISTER_CLOSE_CALLBACK,
        Procedure.CONNECT_LIST_ALL_DOMAINS, Procedure.DOMAIN_LOOKUP_BY_ID, Procedure.DOMAIN_LOOKUP_BY_NAME,
        Procedure.DOMAIN_LOOKUP_BY_UUID, Procedure.DOMAIN_GET_STATE, Procedure.DOMAIN_GET_INFO,
        Procedure.DOMAIN_IS_ACTIVE, Procedure.DOMAIN_IS_PERSISTENT,
        Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
        Procedure.CONNECT_NETWORK_EVENT_REGISTER_ANY, Procedure.CONNECT_NETWORK_EVENT_DEREGISTER_ANY,
        Procedure.CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY, Procedure.CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY);

    private Priority() {
    }

    static boolean isHigh(int program, int procedure) {
        return program == io.vireo.remote.protocol.Program.REMOTE
            && Procedure.find(procedure).map(HIGH::contains).orElse(false);
    }
}
