/**
 * The libvirt RPC server: stock virsh, python-libvirt and other libvirt clients manage a Vireo host over
 * TCP and Unix sockets. {@link io.vireo.remote.server.RemoteServer} and
 * {@link io.vireo.remote.server.EventForwarder} are the components; everything else is plain Java
 * (I/O loop, workers, dispatcher, streams for consoles, one handler class per API area). Not exported.
 */
package io.vireo.remote.server;
