package io.vireo.api;

/** libvirt's virNodeInfo: the host's CPU model, memory (KiB) and topology. */
public record NodeInfo(String model, long memoryKiB, int cpus, int mhz, int nodes, int sockets, int cores,
                       int threads) {
}
