package io.vireo.shell.host;

import io.vireo.api.Connection;
import io.vireo.api.NodeInfo;
import io.vireo.shell.support.Format;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

/** virsh nodeinfo: the host's CPUs and memory. */
@Command(scope = "virt", name = "nodeinfo", description = "node information")
@Service
@Parsing(VirshParser.class)
public class NodeinfoCommand extends VirtAction {
    @Override
    protected void run(Connection conn) {
        NodeInfo info = conn.nodeInfo();
        PrintStream out = out();
        Format.wideField(out, "CPU model:", info.model());
        Format.wideField(out, "CPU(s):", info.cpus());
        if (info.mhz() != 0) {
            Format.wideField(out, "CPU frequency:", info.mhz() + " MHz");
        }
        Format.wideField(out, "CPU socket(s):", info.sockets());
        Format.wideField(out, "Core(s) per socket:", info.cores());
        Format.wideField(out, "Thread(s) per core:", info.threads());
        Format.wideField(out, "NUMA cell(s):", info.nodes());
        Format.wideField(out, "Memory size:", info.memoryKiB() + " KiB");
        out.println();
    }
}
