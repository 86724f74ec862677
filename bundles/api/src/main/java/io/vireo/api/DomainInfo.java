package io.vireo.api;

/** libvirt's virDomainInfo: memory in KiB, CPU time in nanoseconds. */
public record DomainInfo(DomainState state, long maxMemoryKiB, long memoryKiB, int vcpus, long cpuTimeNanos) {
}
