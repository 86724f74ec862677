package io.vireo.api;

/**
 * libvirt's virDomainBlockStatsStruct: I/O on one disk since the guest started. A counter the hypervisor
 * does not keep is -1, as in libvirt.
 */
public record BlockStats(long readRequests, long readBytes, long writeRequests, long writeBytes, long errors) {
}
