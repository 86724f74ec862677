package io.vireo.api.spi;

/**
 * Realises one network forward mode on the host (bridges, NAT rules, DHCP). Registered with
 * {@link #FORWARD} naming the mode ({@code nat}, {@code route}, {@code open}, {@code none}, ...).
 */
public interface NetworkMode {
    String FORWARD = "vireo.network.forward";

    /** Brings the network described by {@code networkXml} up on the host. */
    void start(String networkXml);

    /** Takes it down again, removing everything {@link #start} made. */
    void stop(String networkXml);
}
