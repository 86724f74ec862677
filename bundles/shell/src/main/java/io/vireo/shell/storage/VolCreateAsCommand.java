package io.vireo.shell.storage;

import io.vireo.api.Connection;
import io.vireo.api.StoragePool;
import io.vireo.api.VirtException;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.PoolCompleter;
import io.vireo.shell.support.Sizes;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import io.vireo.shell.support.XmlText;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** virsh vol-create-as: creates a volume from a name and sizes; virsh writes the volume XML itself. */
@Command(scope = "virt", name = "vol-create-as", description = "create a volume from a set of args")
@Service
@Parsing(VirshParser.class)
public class VolCreateAsCommand extends VirtAction {
    @Argument(index = 0, name = "pool", description = "pool name", required = true)
    @Completion(PoolCompleter.class)
    String pool;

    @Argument(index = 1, name = "name", description = "name of the volume", required = true)
    String name;

    @Argument(index = 2, name = "capacity", description = "size of the vol, as scaled integer (default bytes)", required = true)
    String capacity;

    @Option(name = "--allocation", description = "initial allocation size, as scaled integer (default bytes)")
    String allocation;

    @Option(name = "--format", description = "file format type raw,bochs,qcow,qcow2,qed,vmdk")
    String format;

    @Option(name = "--print-xml", description = "print XML document, but don't define/create")
    boolean printXml;

    @Override
    protected void run(Connection conn) {
        StoragePool p = Lookup.pool(conn, pool);
        long capacityBytes = size(capacity);
        long allocationBytes = allocation == null ? 0 : size(allocation);
        StringBuilder xml = new StringBuilder("<volume>\n");
        xml.append("  <name>").append(XmlText.escape(name)).append("</name>\n");
        xml.append("  <capacity>").append(Long.toUnsignedString(capacityBytes)).append("</capacity>\n");
        if (allocation != null) {
            xml.append("  <allocation>").append(Long.toUnsignedString(allocationBytes)).append("</allocation>\n");
        }
        if (format != null) {
            xml.append("  <target>\n");
            xml.append("    <format type='").append(XmlText.escape(format)).append("'/>\n");
            xml.append("  </target>\n");
        }
        xml.append("</volume>\n");
        if (printXml) {
            out().print(xml);
            out().println();
            return;
        }
        try {
            p.createVolume(xml.toString(), 0);
        } catch (VirtException e) {
            throw CommandFailure.wrap("Failed to create vol " + name, e);
        }
        out().println("Vol " + name + " created");
        out().println();
    }

    /** A size in bytes as virsh's virshVolSize reads it, or virsh's "Malformed size". */
    private static long size(String text) {
        try {
            return Sizes.parse(text, 1, Sizes.ULLONG_MAX);
        } catch (Sizes.SizeException e) {
            throw e.libvirtError() == null ? failure("Malformed size " + text)
                    : failure("Malformed size " + text, e.libvirtError());
        }
    }
}
