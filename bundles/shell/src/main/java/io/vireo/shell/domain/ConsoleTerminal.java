package io.vireo.shell.domain;

import org.apache.karaf.shell.api.console.Session;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes.OutputFlag;
import org.jline.terminal.Terminal;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.EnumSet;

/**
 * The user's side of a console session. In an interactive Karaf session (local console or SSH shell)
 * that is the session's terminal, put into raw mode for as long as the session lasts: no echo, no line
 * editing, no signal keys (Ctrl-C, Ctrl-Z, Ctrl-\ go to the guest), no flow control (Ctrl-S, Ctrl-Q) and
 * no CR/LF translation either way, so every key reaches the guest as typed and the guest's output
 * reaches the screen as written. {@link #close} puts the terminal back as it was. A session without a
 * terminal (a command run by {@code bin/client} or over SSH exec) uses its plain input and output.
 */
final class ConsoleTerminal implements AutoCloseable {
    /** Where Karaf keeps an interactive session's JLine terminal. */
    static final String JLINE_TERMINAL = ".jline.terminal";

    private final Terminal terminal;
    private final Attributes saved;
    private final InputStream input;
    private final OutputStream output;

    private ConsoleTerminal(Terminal terminal, Attributes saved, InputStream input, OutputStream output) {
        this.terminal = terminal;
        this.saved = saved;
        this.input = input;
        this.output = output;
    }

    /**
     * The session's terminal in raw mode if it has one, else the session's keyboard and console;
     * {@code in} and {@code out} stand in for them where there is no session.
     */
    static ConsoleTerminal open(Session session, InputStream in, PrintStream out) {
        Object t = session == null ? null : session.get(JLINE_TERMINAL);
        if (t instanceof Terminal terminal) {
            terminal.flush();
            Attributes saved = terminal.enterRawMode();
            try {
                Attributes raw = terminal.getAttributes();
                raw.setLocalFlags(EnumSet.of(LocalFlag.ICANON, LocalFlag.ECHO, LocalFlag.ECHONL, LocalFlag.ISIG,
                        LocalFlag.IEXTEN), false);
                raw.setInputFlags(EnumSet.of(InputFlag.IGNBRK, InputFlag.BRKINT, InputFlag.PARMRK, InputFlag.ISTRIP,
                        InputFlag.INLCR, InputFlag.IGNCR, InputFlag.ICRNL, InputFlag.IXON), false);
                raw.setOutputFlag(OutputFlag.OPOST, false);
                terminal.setAttributes(raw);
            } catch (RuntimeException | Error e) {
                restore(terminal, saved);
                throw e;
            }
            return new ConsoleTerminal(terminal, saved, terminal.input(), terminal.output());
        }
        InputStream keys = session != null && session.getKeyboard() != null ? session.getKeyboard() : in;
        PrintStream console = session != null && session.getConsole() != null ? session.getConsole() : out;
        return new ConsoleTerminal(null, null, keys, console);
    }

    /** Whether keys come one by one from a terminal in raw mode. */
    boolean isRaw() {
        return terminal != null;
    }

    /** What the user types. */
    InputStream input() {
        return input;
    }

    /** Where the guest's output goes. */
    OutputStream output() {
        return output;
    }

    /** Restores the terminal's modes (a no-op without a terminal). */
    @Override
    public void close() {
        if (terminal != null) {
            restore(terminal, saved);
        }
    }

    /**
     * Puts back {@code saved}. An interrupt pending on the thread is held back meanwhile: some terminals
     * change modes by running {@code stty}, which an interrupted thread cannot wait for.
     */
    private static void restore(Terminal terminal, Attributes saved) {
        boolean interrupted = Thread.interrupted();
        try {
            terminal.setAttributes(saved);
            terminal.flush();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
