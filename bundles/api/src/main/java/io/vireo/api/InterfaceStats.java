package io.vireo.api;

/**
 * libvirt's virDomainInterfaceStatsStruct: traffic of one guest interface, counted from the guest's side
 * (rx is what the guest received). A counter the hypervisor does not keep is -1.
 */
public record InterfaceStats(long rxBytes, long rxPackets, long rxErrors, long rxDrops, long txBytes,
                             long txPackets, long txErrors, long txDrops) {
}
