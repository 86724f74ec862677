package io.vireo.shell.support;

import io.vireo.api.Connection;
import io.vireo.api.StoragePool;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.List;

/** Completes storage pool names. */
@Service
public class PoolCompleter extends NameCompleter {
    @Override
    protected List<String> names(Connection conn) {
        return conn.listAllStoragePools(0).stream().map(StoragePool::name).sorted().toList();
    }
}
