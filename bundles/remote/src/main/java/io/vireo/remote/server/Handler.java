package io.vireo.remote.server;

import io.vireo.remote.xdr.XdrStruct;

/**
 * Serves one procedure: takes its decoded args and returns its ret. Errors are thrown as
 * {@link io.vireo.api.VirtException}, which the dispatcher turns into the error reply.
 */
@FunctionalInterface
interface Handler<A extends XdrStruct> {
    XdrStruct handle(Session session, A args);
}
