package io.vireo.shell.storage;

import io.vireo.api.Connection;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.PoolCompleter;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh pool-dumpxml: a storage pool's XML. */
@Command(scope = "virt", name = "pool-dumpxml", description = "pool information in XML")
@Service
@Parsing(VirshParser.class)
public class PoolDumpxmlCommand extends VirtAction {
    /** virStorageXMLFlags' VIR_STORAGE_XML_INACTIVE. */
    private static final int XML_INACTIVE = 1;

    @Argument(index = 0, name = "pool", description = "pool name or uuid", required = true)
    @Completion(PoolCompleter.class)
    String pool;

    @Option(name = "--inactive", description = "show inactive defined XML")
    boolean inactive;

    @Override
    protected void run(Connection conn) {
        out().print(Lookup.pool(conn, pool).xmlDesc(inactive ? XML_INACTIVE : 0));
        out().println();
    }
}
