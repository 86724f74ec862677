package io.vireo.shell.monitor;

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

import java.util.List;
import java.util.Map;

/**
 * virsh qemu-monitor-command: sends a raw command to a running domain's QEMU monitor and prints QEMU's
 * reply. As virsh 9.0 does, it joins the words after the domain with spaces; without {@code --hmp} a
 * command that is not already a JSON object is wrapped into one ({@code query-status} becomes
 * {@code {"execute":"query-status"}}, and the words after the first become its {@code arguments}: one JSON
 * object, or {@code "key":value} pairs joined with commas). {@code --pretty} re-indents a JSON reply,
 * {@code --return-value} prints only its {@code return} member. Refused on read-only connections.
 * ({@code --pass-fds} is not offered.)
 */
@Command(scope = "virt", name = "qemu-monitor-command", description = "QEMU Monitor Command",
        detailedDescription = "QEMU Monitor Command")
@Service
@Parsing(VirshParser.class)
public class QemuMonitorCommandCommand extends VirtAction {
    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "cmd", description = "command", required = true, multiValued = true)
    List<String> cmd;

    @Option(name = "--hmp", description = "command is in human monitor protocol")
    boolean hmp;
    @Option(name = "--pretty", description = "pretty-print any qemu monitor protocol output")
    boolean pretty;
    @Option(name = "--return-value", description = "extract the value of the 'return' key from the returned string")
    boolean returnValue;

    @Override
    protected void run(Connection conn) {
        exclusive(hmp, "hmp", pretty, "pretty");
        exclusive(hmp, "hmp", returnValue, "return-value");
        Domain d = Lookup.domain(conn, domain);
        String command = hmp ? String.join(" ", cmd) : qmp(cmd);
        String result = d.qemuMonitorCommand(command, hmp ? DomainFlags.QEMU_MONITOR_COMMAND_HMP : 0);
        if (result == null) {
            result = "";
        }
        Object json = null;
        if (returnValue || pretty) {
            json = Json.parse(result);
            if (returnValue && json == null) {
                throw failure("failed to parse JSON returned by qemu");
            }
        }
        if (json == null) {
            out().println(result);
            return;
        }
        Object shown = json;
        if (returnValue) {
            shown = json instanceof Map<?, ?> m ? m.get("return") : null;
            if (shown == null) {
                throw failure("'return' member missing");
            }
        }
        out().println(Json.write(shown, pretty).strip());
    }

    /** virsh's cmdQemuMonitorCommandQMPWrap: the words as one QMP command object. */
    static String qmp(List<String> words) {
        String full = String.join(" ", words);
        if (Json.parse(full) instanceof Map) {
            return full;
        }
        String name = words.get(0);
        List<String> rest = words.subList(1, words.size());
        Object arguments = null;
        if (!rest.isEmpty()) {
            String fullArguments = String.join(" ", rest);
            Object parsed = Json.parse(fullArguments);
            if (parsed instanceof Map) {
                arguments = parsed;
            } else {
                arguments = Json.parse("{" + String.join(",", rest) + "}");
                if (arguments == null) {
                    throw failure("failed to wrap arguments '" + fullArguments + "' into a QMP command wrapper");
                }
            }
        }
        Map<String, Object> command = new java.util.LinkedHashMap<>();
        command.put("execute", name);
        if (arguments != null) {
            command.put("arguments", arguments);
        }
        return Json.write(command, false);
    }
}
