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
import java.lang.ref.Cleaner;

/**
 * Base of every {@code virt:*} command: the {@code --connect} option, the session's connection, and
 * errors printed as virsh prints them ({@code error: ...}, exit status 1), never a stack trace.
 */
public abstract class VirtAction implements Action {
    private static final String SESSION_KEY = "vireo.connection.";
    /** Where {@code virt:connect} keeps the session's default URI. */
    private static final String SESSION_URI = "vireo.uri";
    /** Whether {@code virt:connect --readonly} made the session's default connection read-only. */
    private static final String SESSION_READONLY = "vireo.readonly";

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
        String uri = connectUri != null ? connectUri : sessionUri();
        boolean ro = readOnly || (connectUri == null && session != null
                && Boolean.TRUE.equals(session.get(SESSION_READONLY)));
        String key = SESSION_KEY + uri + (ro ? "#ro" : "");
        if (session != null && session.get(key) instanceof Connection cached && cached.isAlive()) {
            return cached;
        }
        Connection conn;
        try {
            conn = connectionFactory.open(uri, ro);
        } catch (VirtException e) {
            // virsh names the step that failed before the driver's reason.
            throw CommandFailure.wrap("failed to connect to the hypervisor", e);
        }
        if (session != null) {
            keep(session, key, conn);
        }
        return conn;
    }

    /**
     * Closes a session's connections once the session is gone. Karaf tells nobody when a session ends
     * (one ends after every {@code bin/client} or SSH command), so the connection is tied to the session
     * object's life: when the closed session is collected, its connections are closed.
     */
    private static final Cleaner SESSION_CLEANER = Cleaner.create();

    private static void keep(Session session, String key, Connection conn) {
        session.put(key, conn);
        SESSION_CLEANER.register(session, new CloseWhenSessionGone(conn));
    }

    /** The cleaning action: refers to the connection only, never to the session it outlives. */
    private record CloseWhenSessionGone(Connection conn) implements Runnable {
        @Override
        public void run() {
            conn.close();
        }
    }

    /** The URI commands use without {@code --connect}: the one {@code virt:connect} chose, else the default. */
    protected String sessionUri() {
        Object uri = session == null ? null : session.get(SESSION_URI);
        return uri instanceof String s ? s : connectionFactory.defaultUri();
    }

    /**
     * Makes {@code conn} the session's connection for {@code uri}, as virsh's {@code connect} does: later
     * commands without {@code --connect} use it; the connection it replaces is closed.
     */
    protected void useConnection(String uri, Connection conn) {
        if (session == null) {
            return;
        }
        String key = SESSION_KEY + uri + (conn.isReadOnly() ? "#ro" : "");
        if (session.get(key) instanceof Connection old && old != conn) {
            old.close();
        }
        keep(session, key, conn);
        session.put(SESSION_URI, uri);
        session.put(SESSION_READONLY, conn.isReadOnly());
    }

    /** virsh's check of two options that cannot be given together. */
    protected static void exclusive(boolean a, String nameA, boolean b, String nameB) {
        if (a && b) {
            throw failure("Options --" + nameA + " and --" + nameB + " are mutually exclusive");
        }
    }

    /** virsh's check of an option that needs another one. */
    protected static void requires(boolean given, String name, boolean needed, String neededName) {
        if (given && !needed) {
            throw failure("Option --" + neededName + " is required by option --" + name);
        }
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

        /** An error of one or more lines, for helpers that are not commands. */
        public static CommandFailure of(String... lines) {
            return new CommandFailure(lines);
        }

        /** Adds the underlying error after this command's own line, as virsh does ("Failed to ..." then the cause). */
        public static CommandFailure wrap(String first, VirtException cause) {
            return new CommandFailure(first, cause.getMessage());
        }
    }
}
