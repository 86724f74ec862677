package io.vireo.remote.server;

import io.vireo.api.ConnectUri;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;

import java.util.Set;

/**
 * Which URIs a client may open here. The client has already stripped transport and host
 * ({@code test+tcp://h/default} arrives as {@code test:///default}); what remains names one of Vireo's
 * local drivers, unchanged. Anything else, including a URI that still names a host, gets libvirt's
 * NO_CONNECT: the daemon never relays a client to another host.
 */
final class DriverUris {

    /** libvirt's driver schemes that Vireo serves under the same name (kvm is Vireo's own). */
    static final Set<String> SERVED = Set.of("test", "qemu", "kvm", "lxc");

    private DriverUris() {
    }

    /** The URI to open for CONNECT_OPEN's {@code name}; null or empty means the daemon's default. */
    static String map(String name, String defaultUri) {
        String text = name == null || name.isBlank() ? defaultUri : name;
        ConnectUri uri;
        try {
            uri = ConnectUri.parse(text);
        } catch (VirtException e) {
            throw noConnect(text);
        }
        if (!uri.isLocal() || !SERVED.contains(uri.driver())) {
            throw noConnect(text);
        }
        return uri.toString();
    }

    private static VirtException noConnect(String text) {
        return VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.NONE, text);
    }
}
