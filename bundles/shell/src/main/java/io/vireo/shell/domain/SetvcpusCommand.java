package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.shell.support.DomainCompleter;
import io.vireo.shell.support.Lookup;
import io.vireo.shell.support.VirshParser;
import io.vireo.shell.support.VirtAction;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * virsh setvcpus: changes the number of virtual CPUs. Without options it is libvirt's virDomainSetVcpus,
 * which changes the running domain.
 */
@Command(scope = "virt", name = "setvcpus", description = "change number of virtual CPUs")
@Service
@Parsing(VirshParser.class)
public class SetvcpusCommand extends VirtAction {
    /** virDomainVcpuFlags' VIR_DOMAIN_VCPU_HOTPLUGGABLE. */
    private static final int VCPU_HOTPLUGGABLE = 16;

    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "count", description = "number of virtual CPUs", required = true)
    String count;

    @Option(name = "--maximum", description = "set maximum limit on next boot")
    boolean maximum;
    @Option(name = "--config", description = "affect next boot")
    boolean config;
    @Option(name = "--live", description = "affect running domain")
    boolean live;
    @Option(name = "--current", description = "affect current domain")
    boolean current;
    @Option(name = "--guest", description = "modify cpu state in the guest")
    boolean guest;
    @Option(name = "--hotpluggable", description = "make added vcpus hot(un)pluggable")
    boolean hotpluggable;

    @Override
    protected void run(Connection conn) {
        exclusive(current, "current", live, "live");
        exclusive(current, "current", config, "config");
        exclusive(guest, "guest", config, "config");
        requires(maximum, "maximum", config, "config");
        int flags = (config ? DomainFlags.AFFECT_CONFIG : 0) | (live ? DomainFlags.AFFECT_LIVE : 0)
                | (guest ? DomainFlags.VCPU_GUEST : 0) | (maximum ? DomainFlags.VCPU_MAXIMUM : 0)
                | (hotpluggable ? VCPU_HOTPLUGGABLE : 0);
        Domain d = Lookup.domain(conn, domain);
        int n = count(count);
        if (n == 0) {
            throw failure("Can't set 0 processors for a VM");
        }
        d.setVcpus(n, !current && flags == 0 ? DomainFlags.AFFECT_LIVE : flags);
        out().println();
    }

    /** An unsigned int as virsh reads one ({@code virStrToLong_uip} of the whole argument). */
    private static int count(String text) {
        String t = text.stripLeading();
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        long value = -1;
        if (!t.isEmpty() && t.length() <= 10 && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            value = Long.parseLong(t);
        }
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw failure("Numeric value '" + text + "' for <count> option is malformed or out of range");
        }
        return (int) value;
    }
}
