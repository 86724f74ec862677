package io.vireo.shell.support;

import io.vireo.api.Connection;
import io.vireo.api.Network;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.List;

/** Completes network names. */
@Service
public class NetworkCompleter extends NameCompleter {
    @Override
    protected List<String> names(Connection conn) {
        return conn.listAllNetworks(0).stream().map(Network::name).sorted().toList();
    }
}
