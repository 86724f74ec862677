package io.vireo.shell.support;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.List;

/** Completes domain names. */
@Service
public class DomainCompleter extends NameCompleter {
    @Override
    protected List<String> names(Connection conn) {
        return conn.listAllDomains(0).stream().map(Domain::name).sorted().toList();
    }
}
