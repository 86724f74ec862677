package io.vireo.remote.server;

import io.vireo.api.ConnectionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import java.io.IOException;

/**
 * The libvirt RPC server as a component: configured from {@code io.vireo.daemon} (libvirtd.conf's key
 * names), serving clients through the core's {@link ConnectionFactory}. A configuration change restarts
 * it, which drops the connected clients as a libvirtd restart would.
 */
@Component(service = RemoteServer.class, immediate = true, configurationPid = RemoteServer.PID)
public final class RemoteServer {
    /** The daemon's PID, designated (with its metatype) by the core. */
    static final String PID = "io.vireo.daemon";

    private final RpcServer server;

    @Activate
    public RemoteServer(@Reference ConnectionFactory connections, RemoteServerConfig config) throws IOException {
        this.server = new RpcServer(ServerSettings.from(config), connections);
        server.start();
    }

    @Deactivate
    void deactivate() {
        server.close();
    }

    /** Where Vireo's events are sent on to the clients that registered for them. */
    EventRouter events() {
        return server.events();
    }
}
