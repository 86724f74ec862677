package io.vireo.shell.host;

import io.vireo.api.Connection;
import io.vireo.api.VirtException;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

/**
 * virsh version: the library, API and hypervisor versions. Vireo's library is the libvirt release whose
 * API it follows, so "compiled against", "using library" and the API all show that version.
 */
@Command(scope = "virt", name = "version", description = "show version")
@Service
@Parsing(VirshParser.class)
public class VersionCommand extends VirtAction {
    @Option(name = "--daemon", description = "report daemon version too")
    boolean daemon;

    @Override
    protected void run(Connection conn) {
        PrintStream out = out();
        long lib = conn.libVersion();
        out.println("Compiled against library: libvirt " + version(lib));
        out.println("Using library: libvirt " + version(lib));
        String type = conn.type();
        out.println("Using API: " + type + " " + version(lib));
        long hv = conn.hypervisorVersion();
        if (hv == 0) {
            out.println("Cannot extract running " + type + " hypervisor version");
        } else {
            out.println("Running hypervisor: " + type + " " + version(hv));
        }
        if (daemon) {
            long daemonVersion;
            try {
                daemonVersion = conn.libVersion();
            } catch (VirtException e) {
                throw failure("failed to get the daemon version", e.getMessage());
            }
            out.println("Running against daemon: " + version(daemonVersion));
        }
        out.println();
    }

    /** libvirt's major * 1,000,000 + minor * 1,000 + micro as {@code major.minor.micro}. */
    static String version(long v) {
        return v / 1_000_000 + "." + v / 1_000 % 1_000 + "." + v % 1_000;
    }
}
