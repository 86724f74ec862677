package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.api.ConsoleStream;
import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.api.DomainState;
import io.vireo.api.VirtException;
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

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * virsh console: attaches the session's terminal to a running domain's console. As virsh does, it checks
 * that the domain is running ({@code The domain is not running}), prints {@code Connected to domain
 * 'NAME'} and the escape key, then opens the console; an error from that (no console support, a read-only
 * connection, a console already in use without {@code --force}) ends the command with virsh's
 * {@code error: ...} line after the banner. While attached the terminal is in raw mode (see
 * {@link ConsoleTerminal}) and Ctrl-] detaches; when the guest side closes the console the command ends
 * without a word, as virsh does.
 *
 * <p>Unlike virsh, which refuses to run without a terminal, it also takes piped input (a script through
 * {@code bin/client}): what is piped goes to the guest, a Ctrl-] byte in it detaches, and once the input
 * ends the guest's output is still shown until the guest has been quiet for
 * {@value #QUIET_MILLIS} ms (at most {@value #GRACE_MILLIS} ms in all), then the command ends.
 */
@Command(scope = "virt", name = "console", description = "connect to the guest console",
        detailedDescription = "Connect the virtual serial console for the guest. Ctrl-] detaches.\n"
                + "With piped input (bin/client), the input is typed into the guest; when it ends, the guest's "
                + "output is shown until the guest has been quiet for " + ConsoleCommand.QUIET_MILLIS
                + " ms (at most " + ConsoleCommand.GRACE_MILLIS + " ms), then the command ends.")
@Service
@Parsing(VirshParser.class)
public class ConsoleCommand extends VirtAction {
    /** After piped input ends: how long the guest must be quiet before the command ends. */
    static final long QUIET_MILLIS = 2_000;
    /** After piped input ends: how long guest output is shown at most. */
    static final long GRACE_MILLIS = 30_000;

    @Argument(index = 0, name = "domain", description = "domain name, id or uuid", required = true)
    @Completion(DomainCompleter.class)
    String domain;

    @Argument(index = 1, name = "devname", description = "character device name")
    String devnameArgument;

    @Option(name = "--devname", description = "character device name")
    String devname;

    @Option(name = "--force", description = "force console connection (disconnect already connected sessions)")
    boolean force;

    @Option(name = "--safe", description = "only connect if safe console handling is supported")
    boolean safe;

    @Override
    protected void run(Connection conn) {
        if (devname != null && devnameArgument != null) {
            throw failure("option --devname already seen");
        }
        Domain d = Lookup.domain(conn, domain);
        String device = devname != null ? devname : devnameArgument;
        if (device != null && device.isEmpty()) {
            throw failure("Failed to get option 'devname': Option argument is empty");
        }
        DomainState state;
        try {
            state = d.state().state();
        } catch (VirtException e) {
            throw CommandFailure.wrap("Unable to get domain status", e);
        }
        if (state == DomainState.SHUTOFF) {
            throw failure("The domain is not running");
        }
        PrintStream out = out();
        out.println("Connected to domain '" + d.name() + "'");
        out.println("Escape character is ^] (Ctrl + ])");
        out.flush();
        int flags = (force ? DomainFlags.CONSOLE_FORCE : 0) | (safe ? DomainFlags.CONSOLE_SAFE : 0);
        ConsoleStream stream = d.openConsole(device, flags);
        ConsolePump.End end;
        try (stream; ConsoleTerminal terminal = ConsoleTerminal.open(session, keyboard(), out)) {
            end = new ConsolePump(stream, ConsoleKeys.of(terminal.input()), terminal.output(), QUIET_MILLIS,
                    GRACE_MILLIS).run();
        } catch (IOException e) {
            throw failure("console of domain '" + d.name() + "' failed: " + e.getMessage());
        }
        if (end == ConsolePump.End.INTERRUPTED) {
            // The terminal is back to normal: let Karaf see the interrupt.
            Thread.currentThread().interrupt();
        }
    }

    /** The keys where the session has neither a terminal nor a keyboard of its own. */
    InputStream keyboard() {
        return System.in;
    }
}
