package io.vireo.api.spi;

/**
 * Optional role: libvirt's domain capabilities ({@code virConnectGetDomainCapabilities}), what
 * virt-install and virt-manager read before they write a domain. Drivers without it answer NO_SUPPORT.
 */
public interface DomainCapabilities {
    /**
     * The {@code <domainCapabilities>} document for this emulator, architecture, machine type and
     * virtualization type; each may be null for the driver's default.
     */
    String domainCapabilities(String emulator, String arch, String machine, String virttype, int flags);
}
