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

/** virsh vol-dumpxml: a volume's XML. */
@Command(scope = "virt", name = "vol-dumpxml", description = "vol information in XML")
@Service
@Parsing(VirshParser.class)
public class VolDumpxmlCommand extends VirtAction {
    @Argument(index = 0, name = "vol", description = "vol name, key or path", required = true)
    String vol;

    @Option(name = "--pool", description = "pool name or uuid")
    @Completion(PoolCompleter.class)
    String pool;

    @Override
    protected void run(Connection conn) {
        out().print(Lookup.volume(conn, vol, pool).xmlDesc(0));
        out().println();
    }
}
