package io.vireo.api.spi;

import io.vireo.api.ConsoleStream;

import java.util.UUID;

/**
 * Optional role: attaching to a running domain's console ({@code virDomainOpenConsole}). Drivers without
 * it answer NO_SUPPORT. The core has already refused read-only connections when this is called.
 *
 * <p>As in libvirt: a domain that is not running fails with OPERATION_INVALID; a device name the domain
 * does not have fails with INTERNAL_ERROR ({@code cannot find character device <name>}); without
 * {@link io.vireo.api.DomainFlags#CONSOLE_FORCE} a console that already has a session fails with
 * OPERATION_FAILED ({@code Active console session exists for this domain}), with it the older session
 * is closed (its input ends) and the new one takes over; with {@link io.vireo.api.DomainFlags#CONSOLE_SAFE}
 * a driver that cannot guarantee one session at a time fails with OPERATION_UNSUPPORTED.
 */
public interface DomainConsoles {
    /**
     * Opens a session on the console {@code device} of the domain (its alias, e.g. {@code serial0} or
     * {@code console0}), or on its first console when {@code device} is null.
     */
    ConsoleStream openConsole(UUID uuid, String device, int flags);
}
