package io.vireo.driver.kvm;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.InterfaceDef;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host side of a starting guest's interfaces, checked before the VMM starts so that a start fails with a
 * libvirt-style error and nothing to undo: the network namespace exists, each bridge is a bridge there, a bridge
 * interface's tap name is free, and taps without a name get one (vnetN, from a counter that only grows, so a
 * name is not reused while the daemon runs, as libvirt 9 does). The VMM makes the taps (see NETWORK.md); they
 * go when it ends.
 */
final class GuestTaps {
    static final Path RUN_NETNS = Path.of("/run/netns");
    private static final String PREFIX = "vnet";

    /** The interfaces of a network namespace (null: the daemon's own), by name, with their kind ("" if none). */
    interface Links {
        Map<String, String> in(String netns);
    }

    private final Links links;
    private final Path netnsDirectory;
    private final AtomicLong counter = new AtomicLong();

    GuestTaps() {
        this(IpLinks::list, RUN_NETNS);
    }

    GuestTaps(Links links, Path netnsDirectory) {
        this.links = links;
        this.netnsDirectory = netnsDirectory;
    }

    private static VirtException error(ErrorCode code, String format, Object... args) {
        return VirtException.of(code, ErrorDomain.QEMU, format, args);
    }

    /** Where a message says the interfaces are. */
    static String where(String netns) {
        return netns == null ? "the daemon's network namespace" : "network namespace '" + netns + "'";
    }

    /**
     * Checks {@code live}'s interfaces against network namespace {@code netns} (null: the daemon's) and names
     * their taps: each interface of {@code live} has its {@code <target dev>} afterwards, as the live XML shows.
     */
    void prepare(DomainDef live, String netns) {
        if (live.devices().getInterfaces().isEmpty()) {
            return;
        }
        if (netns != null && !Files.exists(netnsDirectory.resolve(netns))) {
            throw error(ErrorCode.OPERATION_FAILED, "network namespace '%s' of domain '%s' does not exist (no %s; "
                    + "'ip netns add %s' makes one)", netns, live.getName(), netnsDirectory.resolve(netns), netns);
        }
        boolean look = netns != null;
        for (InterfaceDef i : live.devices().getInterfaces()) {
            look |= "bridge".equals(i.getType()) || i.getTargetDev() == null;
        }
        if (!look) {
            return; // ethernet taps the host may have made, in the daemon's namespace: the VMM opens them as before
        }
        Map<String, String> present = links.in(netns);
        Set<String> taken = new HashSet<>(present.keySet());
        Set<String> named = new HashSet<>();
        for (InterfaceDef i : live.devices().getInterfaces()) {
            String tap = i.getTargetDev();
            String existing = tap == null ? null : present.get(tap);
            if ("bridge".equals(i.getType())) {
                String bridge = i.getSourceBridge();
                String kind = present.get(bridge);
                if (kind == null) {
                    throw error(ErrorCode.SYSTEM_ERROR, "Cannot get interface MTU on '%s': No such device (no bridge "
                            + "'%s' in %s)", bridge, bridge, where(netns));
                }
                if (!"bridge".equals(kind)) {
                    throw error(ErrorCode.SYSTEM_ERROR, "Unable to add bridge %s port %s: Operation not supported "
                            + "('%s' in %s is not a bridge)", bridge, tap == null ? PREFIX + "N" : tap, bridge,
                            where(netns));
                }
                if (existing != null) {
                    throw error(ErrorCode.SYSTEM_ERROR, "Unable to create tap device %s: Device or resource busy (an "
                            + "interface of that name exists in %s)", tap, where(netns));
                }
            } else if (existing != null && !"tun".equals(existing)) {
                throw error(ErrorCode.SYSTEM_ERROR, "Unable to create tap device %s: Invalid argument ('%s' in %s is "
                        + "not a tap)", tap, tap, where(netns));
            }
            if (tap != null && !named.add(tap)) {
                throw error(ErrorCode.CONFIG_UNSUPPORTED, "two interfaces of domain '%s' name tap '%s'",
                        live.getName(), tap);
            }
        }
        taken.addAll(named);
        for (InterfaceDef i : live.devices().getInterfaces()) {
            if (i.getTargetDev() == null) {
                i.setTargetDev(freeName(taken));
            }
        }
    }

    private String freeName(Set<String> taken) {
        while (true) {
            String name = PREFIX + counter.getAndIncrement();
            if (name.length() > 15) {
                counter.set(0); // IFNAMSIZ: wrap, as libvirt does
                continue;
            }
            if (taken.add(name)) {
                return name;
            }
        }
    }
}
