/**
 * libvirt's RPC protocol on top of {@link io.vireo.remote.xdr}: packet framing and limits
 * ({@link io.vireo.remote.protocol.Wire}, {@link io.vireo.remote.protocol.PacketReader}), the header,
 * programs and procedure numbers, {@code remote_error}, typed parameters, the object structs and the
 * args/ret/message structs of the procedures Vireo serves ({@link io.vireo.remote.protocol.ProcedureTable}).
 * Plain Java, no OSGi: shared by the server and the client.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.remote.protocol;
