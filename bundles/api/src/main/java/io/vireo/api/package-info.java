/**
 * Vireo's public API: connections, domains, networks, storage, snapshots and errors, in the shape of
 * libvirt's public API so that the remote protocol maps onto it one to one.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.api;
