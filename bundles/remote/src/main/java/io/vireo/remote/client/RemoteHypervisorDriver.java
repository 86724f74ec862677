package io.vireo.remote.client;

import io.vireo.api.ConnectUri;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.DriverContext;
import io.vireo.api.spi.HypervisorDriver;
import org.osgi.service.component.annotations.Component;

import java.util.Set;

/**
 * The driver the core routes every non-local URI to ({@code test+tcp://host/default},
 * {@code qemu+unix:///system?socket=...}): it connects to the daemon the URI names, Vireo's or
 * libvirt's, runs libvirt's handshake and opens the local form of the URI there. The remote daemon's
 * lifecycle events are posted locally under the URI, as a local driver's are.
 */
@Component(service = HypervisorDriver.class, property = HypervisorDriver.SCHEME + "=remote")
public final class RemoteHypervisorDriver implements HypervisorDriver {
    private final EventFeeds feeds = new EventFeeds();

    /** Query parameters that configure the transport: libvirt's client strips them from the name it opens. */
    static final Set<String> TRANSPORT_PARAMS = Set.of("name", "command", "socket", "auth", "sshauth", "netcat",
        "keyfile", "pkipath", "known_hosts", "known_hosts_verify", "tls_priority", "mode", "proxy", "no_sanity",
        "no_verify", "no_tty", "authfile", "timeout", "readonly");

    @Override
    public DriverConnection open(ConnectUri uri, DriverContext context) {
        RpcClient rpc = RpcClient.connect(uri);
        try {
            rpc.handshake(openName(uri), "1".equals(uri.params().get("readonly")));
            RemoteDriverConnection c = new RemoteDriverConnection(rpc, context.uri(), context.events(), feeds);
            feeds.opened(c);
            return c;
        } catch (VirtException e) {
            rpc.close(false);
            throw e;
        } catch (RuntimeException e) {
            rpc.close(false);
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.REMOTE, String.valueOf(e));
        }
    }

    /**
     * What CONNECT_OPEN carries: the URI without transport, user, host, port and transport parameters
     * ({@code test+tcp://h:1/default?socket=x} opens {@code test:///default}); {@code ?name=} overrides it,
     * and a bare {@code remote://} lets the daemon choose.
     */
    static String openName(ConnectUri uri) {
        String explicit = uri.params().get("name");
        if (explicit != null) {
            return explicit;
        }
        if ("remote".equals(uri.driver())) {
            return "";
        }
        java.util.Map<String, String> kept = new java.util.LinkedHashMap<>(uri.params());
        kept.keySet().removeAll(TRANSPORT_PARAMS);
        ConnectUri local = uri.local();
        return new ConnectUri(local.driver(), null, null, null, -1, local.path(), kept).toString();
    }
}
