package io.vireo.shell.support;

import io.vireo.api.Connection;
import io.vireo.api.ConnectionFactory;
import io.vireo.api.VirtException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;

import java.io.PrintStream;

/**
 * Base of every {@code virt:*} command: the {@code --connect} option, the session's connection, and
 * errors printed as virsh prints them ({@code error: ...}, exit status 1), never a stack trace.
 */
public abstract class VirtAction implements Action {
    private static final String SESSION_KEY = "vireo.connection.";

    @Reference
    protected ConnectionFactory connectionFactory;

    @Reference(optional = true)
    protected Session session;

    @Option(name = "--connect", aliases = {"-c"}, description = "hypervisor connection URI (default: the daemon's uri_default)")
    protected String connectUri;

    @Option(name = "--readonly", aliases = {"-r"}, description = "connect read-only")
    protected boolean readOnly;

    @Override
    public final Object execute() throws Exception {
        try {
            run(connection());
        } catch (VirtException e) {
            throw fail(e.getMessage());
        } catch (CommandFailure e) {
            throw fail(e.lines());
        }
        return null;
    }

    /** Does the command's work on the session's connection. */
    protected abstract void run(Connection conn) throws Exception;

    /** Where output goes: Karaf binds System.out to the calling session's terminal. */
    protected PrintStream out() {
        return System.out;
    }

    /**
     * The connection for {@code --connect} (or the default URI), kept in the session so that a sequence
     * of commands sees one connection, as in a virsh session; private hosts such as
     * {@code test:///path/node.xml} depend on it.
     */
    protected Connection connection() {
        String uri = connectUri != null ? connectUri : connectionFactory.defaultUri();
        String key = SESSION_KEY + uri + (readOnly ? "#ro" : "");
        if (session != null && session.get(key) instanceof Connection cached && cached.isAlive()) {
            return cached;
        }
        Connection conn;
        try {
            conn = connectionFactory.open(uri, readOnly);
        } catch (VirtException e) {
            throw CommandFailure.wrap("failed to connect to the hypervisor", e);
        }
        if (session != null) {
            session.put(key, conn);
        }
        return conn;
    }

    /** An error that ends the command with virsh-style lines ({@code error: <line>}). */
    protected static CommandFailure failure(String... lines) {
        return new CommandFailure(lines);
    }

    private static CommandException fail(String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append("error: ").append(line);
        }
        return new CommandException(sb.toString(), sb.toString());
    }

    /** Thrown by commands to stop with one or more error lines. */
    public static final class CommandFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String[] lines;

        CommandFailure(String... lines) {
            super(String.join("\n", lines), null, false, false);
            this.lines = lines;
        }

        String[] lines() {
            return lines;
        }

        /** Adds the underlying error after this command's own line, as virsh does ("Failed to ..." then the cause). */
        public static CommandFailure wrap(String first, VirtException cause) {
            return new CommandFailure(first, cause.getMessage());
        }
    }
}
