package io.vireo.shell.storage;

import io.vireo.api.Connection;
import io.vireo.api.StoragePool;
import io.vireo.api.VirtException;
import io.vireo.shell.support.Files;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

/** virsh pool-define: defines (but does not start) a storage pool from an XML file. */
@Command(scope = "virt", name = "pool-define", description = "define an inactive persistent storage pool or modify an existing persistent one from an XML file")
@Service
@Parsing(VirshParser.class)
public class PoolDefineCommand extends VirtAction {
    /** virStoragePoolDefineFlags' VIR_STORAGE_POOL_DEFINE_VALIDATE. */
    private static final int DEFINE_VALIDATE = 1;

    @Argument(index = 0, name = "file", description = "file containing an XML pool description", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--validate", description = "validate the XML against the schema")
    boolean validate;

    @Override
    protected void run(Connection conn) {
        String xml = Files.read(file);
        StoragePool p;
        try {
            p = conn.defineStoragePool(xml, validate ? DEFINE_VALIDATE : 0);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to define pool from " + file, e);
        }
        out().println("Pool " + p.name() + " defined from " + file);
        out().println();
    }
}
