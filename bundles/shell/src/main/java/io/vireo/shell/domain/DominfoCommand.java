package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainInfo;
import io.vireo.api.SecurityLabel;
import io.vireo.api.SecurityModel;
import io.vireo.api.VirtException;
import io.vireo.shell.support.DomainCompleter;
import io.vireo.shell.support.Format;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;
import java.util.Locale;

/** virsh dominfo: basic information about a domain. */
@Command(scope = "virt", name = "dominfo", description = "domain information")
@Service
@Parsing(VirshParser.class)
public class DominfoCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Override
    protected void run(Connection conn) {
        Domain d = Lookup.domain(conn, domain);
        PrintStream out = out();
        int id = d.id();
        Format.field(out, "Id:", id < 0 ? "-" : Integer.toString(id));
        Format.field(out, "Name:", d.name());
        Format.field(out, "UUID:", d.uuid());
        Format.field(out, "OS Type:", d.osType());
        DomainInfo info = d.info();
        Format.field(out, "State:", info.state().label());
        Format.field(out, "CPU(s):", info.vcpus());
        if (info.cpuTimeNanos() != 0) {
            Format.field(out, "CPU time:", String.format(Locale.ROOT, "%.1fs", info.cpuTimeNanos() / 1e9));
        }
        Format.field(out, "Max memory:", info.maxMemoryKiB() >= 0xffffffffL ? "no limit" : info.maxMemoryKiB() + " KiB");
        Format.field(out, "Used memory:", info.memoryKiB() + " KiB");
        Format.field(out, "Persistent:", Format.yesNo(d.isPersistent()));
        Format.field(out, "Autostart:", d.autostart() ? "enable" : "disable");
        Format.field(out, "Managed save:", Format.yesNo(d.hasManagedSaveImage()));
        SecurityModel model;
        try {
            model = conn.securityModel();
        } catch (VirtException e) {
            model = SecurityModel.NONE;
        }
        if (!model.model().isEmpty()) {
            Format.field(out, "Security model:", model.model());
            Format.field(out, "Security DOI:", model.doi());
            SecurityLabel label = d.securityLabel();
            if (label != null && !label.label().isEmpty()) {
                Format.field(out, "Security label:", label.label() + " (" + (label.enforcing() ? "enforcing" : "permissive") + ")");
            }
        }
        out.println();
    }
}
