package io.vireo.shell.support;

import io.vireo.api.Connection;
import io.vireo.api.ConnectionFactory;
import io.vireo.api.VirtException;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import java.util.List;

/** Completes object names on the connection named by {@code --connect} on the line, or the default one. */
abstract class NameCompleter implements Completer {
    @Reference
    protected ConnectionFactory connectionFactory;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String uri = connectUri(commandLine);
        try (Connection conn = connectionFactory.open(uri == null ? connectionFactory.defaultUri() : uri, true)) {
            return new StringsCompleter(names(conn)).complete(session, commandLine, candidates);
        } catch (VirtException e) {
            return -1;
        }
    }

    protected abstract List<String> names(Connection conn);

    private static String connectUri(CommandLine line) {
        String[] args = line.getArguments();
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--connect") || args[i].equals("-c")) {
                return args[i + 1];
            }
        }
        return null;
    }
}
