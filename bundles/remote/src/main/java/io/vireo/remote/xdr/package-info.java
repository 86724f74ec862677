/**
 * XDR (RFC 4506) as libvirt's RPC uses it: big-endian 4-byte units, 4-byte chars, bounded strings,
 * opaques and arrays. Decoding checks every length against its maximum and against the bytes left
 * before it allocates anything, so hostile input fails with {@link io.vireo.remote.xdr.XdrException}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.remote.xdr;
