package io.vireo.shell.domain;

import io.vireo.api.Connection;
import io.vireo.api.ConnectionFactory;
import io.vireo.api.ConsoleStream;
import io.vireo.api.Domain;
import io.vireo.api.DomainState;
import io.vireo.api.DomainStateReason;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes.OutputFlag;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * virt:console as a command: the checks and banner, the terminal in raw mode while attached and put back
 * afterwards (a JLine terminal that applies its modes to what is typed, as Karaf's terminals do), and
 * piped input without a terminal. The domain is a stand-in whose console is a pair of pipes.
 */
@Timeout(30)
class ConsoleCommandTest {
    private static final String BANNER = "Connected to domain 'vm1'\nEscape character is ^] (Ctrl + ])\n";

    private final PipedConsole console = new PipedConsole();
    private final List<String> opened = new ArrayList<>();
    private final ByteArrayOutputStream banner = new ByteArrayOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private DomainState state = DomainState.RUNNING;
    private ConsoleStream stream = console;
    private VirtException openError;

    @AfterEach
    void cleanUp() throws IOException {
        keyboard.close();
        console.close();
    }

    private Domain domain() {
        return proxy(Domain.class, (name, args) -> switch (name) {
            case "name" -> "vm1";
            case "uuid" -> UUID.fromString("11111111-2222-3333-4444-555555555555");
            case "state" -> new DomainStateReason(state, 1);
            case "openConsole" -> {
                opened.add(args[0] + " " + args[1]);
                if (openError != null) {
                    throw openError;
                }
                yield stream;
            }
            default -> null;
        });
    }

    private ConsoleCommand command(Session karafSession, String... options) {
        Domain vm1 = domain();
        Connection conn = proxy(Connection.class, (name, args) -> switch (name) {
            case "lookupDomainByName" -> {
                if (!"vm1".equals(args[0])) {
                    throw VirtException.of(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "no domain with matching name");
                }
                yield vm1;
            }
            case "lookupDomainById", "lookupDomainByUuid" ->
                    throw VirtException.of(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "no domain");
            case "isAlive" -> true;
            default -> null;
        });
        ConnectionFactory factory = proxy(ConnectionFactory.class, (name, args) -> switch (name) {
            case "open" -> conn;
            case "defaultUri" -> "test:///default";
            default -> null;
        });
        PrintStream out = new PrintStream(banner, true, StandardCharsets.UTF_8);
        ConsoleCommand c = new ConsoleCommand() {
            {
                connectionFactory = factory;
                session = karafSession;
            }

            @Override
            protected PrintStream out() {
                return out;
            }

            @Override
            InputStream keyboard() {
                // Never the test JVM's own standard input.
                return InputStream.nullInputStream();
            }
        };
        c.domain = "vm1";
        for (String option : options) {
            switch (option) {
                case "--force" -> c.force = true;
                case "--safe" -> c.safe = true;
                default -> c.devnameArgument = option;
            }
        }
        return c;
    }

    /** A session whose only content is {@code values}. */
    private static Session session(Map<String, Object> values, InputStream keyboard, PrintStream console) {
        return proxy(Session.class, (name, args) -> switch (name) {
            case "get" -> values.get((String) args[0]);
            case "getKeyboard" -> keyboard;
            case "getConsole" -> console;
            default -> null;
        });
    }

    private interface Handler {
        Object call(String method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> {
                    if (method.getName().equals("toString")) {
                        return type.getSimpleName();
                    }
                    Object result = handler.call(method.getName(), args);
                    if (result == null && method.getReturnType() == boolean.class) {
                        return false;
                    }
                    return result;
                }));
    }

    /** A terminal in the modes Karaf leaves it in between commands: echo, line editing, signals, CR to NL. */
    private Terminal cookedTerminal() throws IOException {
        DumbTerminal terminal = new DumbTerminal(new PipedInputStream(keyboard, 64 * 1024), screen);
        Attributes cooked = terminal.getAttributes();
        cooked.setLocalFlags(EnumSet.of(LocalFlag.ECHO, LocalFlag.ICANON, LocalFlag.ISIG, LocalFlag.IEXTEN), true);
        cooked.setInputFlags(EnumSet.of(InputFlag.ICRNL, InputFlag.IXON, InputFlag.BRKINT), true);
        cooked.setOutputFlags(EnumSet.of(OutputFlag.OPOST, OutputFlag.ONLCR), true);
        cooked.setControlChar(ControlChar.VINTR, 3);
        terminal.setAttributes(cooked);
        return terminal;
    }

    private static CompletableFuture<Object> runInBackground(ConsoleCommand c) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                done.complete(c.execute());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "virt-console");
        t.start();
        return done;
    }

    private void type(int... bytes) throws IOException {
        for (int b : bytes) {
            keyboard.write(b);
        }
        keyboard.flush();
    }

    @Test
    void attachedTheTerminalIsRawAndEveryKeyGoesToTheGuestThenItIsRestored() throws Exception {
        Terminal terminal = cookedTerminal();
        String before = terminal.getAttributes().toString();
        CompletableFuture<Object> done = runInBackground(
                command(session(Map.of(ConsoleTerminal.JLINE_TERMINAL, terminal), null, null), "--force"));

        // Ctrl-C, CR and Ctrl-S reach the guest as they are: no signal, no CR-to-NL, no flow control.
        type(3, '\r', 19);
        byte[] got = console.guestReads.readNBytes(3);
        assertEquals(List.of(3, 13, 19), List.of((int) got[0], (int) got[1], (int) got[2]));
        Attributes raw = terminal.getAttributes();
        assertFalse(raw.getLocalFlag(LocalFlag.ECHO));
        assertFalse(raw.getLocalFlag(LocalFlag.ICANON));
        assertFalse(raw.getLocalFlag(LocalFlag.ISIG));
        assertFalse(raw.getInputFlag(InputFlag.ICRNL));
        assertFalse(raw.getInputFlag(InputFlag.IXON));
        assertFalse(raw.getOutputFlag(OutputFlag.OPOST));

        console.guestWrites.write("login: ".getBytes(StandardCharsets.US_ASCII));
        console.guestWrites.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!screen.toString(StandardCharsets.US_ASCII).equals("login: ") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals("login: ", screen.toString(StandardCharsets.US_ASCII));

        type(ConsolePump.ESCAPE);
        assertEquals(null, done.get(10, TimeUnit.SECONDS));
        assertEquals(BANNER, banner.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("null 1"), opened);
        assertTrue(console.isClosed());
        assertEquals(before, terminal.getAttributes().toString());
    }

    @Test
    void theTerminalIsRestoredWhenTheConsoleFails() throws Exception {
        stream = new ConsoleStream() {
            @Override
            public InputStream input() {
                return new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("Connection reset by peer");
                    }
                };
            }

            @Override
            public OutputStream output() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public void close() {
            }
        };
        Terminal terminal = cookedTerminal();
        String before = terminal.getAttributes().toString();
        ConsoleCommand c = command(session(Map.of(ConsoleTerminal.JLINE_TERMINAL, terminal), null, null), "serial0");
        CommandException e = assertThrows(CommandException.class, c::execute);
        assertEquals("error: console of domain 'vm1' failed: Connection reset by peer", e.getMessage());
        assertEquals(List.of("serial0 0"), opened);
        assertEquals(before, terminal.getAttributes().toString());
    }

    @Test
    void aDomainThatIsNotRunningIsRefusedBeforeTheBanner() {
        state = DomainState.SHUTOFF;
        CommandException e = assertThrows(CommandException.class, () -> command(null).execute());
        assertEquals("error: The domain is not running", e.getMessage());
        assertEquals("", banner.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), opened);
    }

    @Test
    void aPausedDomainCanBeAttached() throws Exception {
        state = DomainState.PAUSED;
        PipedInputStream keys = new PipedInputStream(keyboard);
        CompletableFuture<Object> done = runInBackground(command(session(Map.of(), keys, null), "--safe"));
        type(ConsolePump.ESCAPE);
        assertEquals(null, done.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("null 2"), opened);
    }

    @Test
    void pipedInputIsTypedAndTheAnswerShownUntilTheGuestIsQuiet() throws Exception {
        PipedInputStream keys = new PipedInputStream(keyboard);
        PrintStream sessionConsole = new PrintStream(screen, true, StandardCharsets.UTF_8);
        CompletableFuture<Object> done = runInBackground(command(session(Map.of(), keys, sessionConsole)));
        keyboard.write("hostname\r".getBytes(StandardCharsets.US_ASCII));
        keyboard.close();
        assertEquals("hostname\r", new String(console.guestReads.readNBytes(9), StandardCharsets.US_ASCII));
        console.guestWrites.write("hostname\r\nvm1\r\n# ".getBytes(StandardCharsets.US_ASCII));
        console.guestWrites.flush();
        long start = System.nanoTime();
        assertEquals(null, done.get(ConsoleCommand.GRACE_MILLIS, TimeUnit.MILLISECONDS));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis >= ConsoleCommand.QUIET_MILLIS - 100, "ended after " + millis + " ms");
        assertEquals(BANNER, banner.toString(StandardCharsets.UTF_8));
        assertEquals("hostname\r\nvm1\r\n# ", screen.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void openErrorsAreVirshsPlainErrorLineAfterTheBanner() {
        openError = VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                "Active console session exists for this domain");
        CommandException e = assertThrows(CommandException.class, () -> command(null).execute());
        assertEquals("error: operation failed: Active console session exists for this domain", e.getMessage());
        assertEquals(BANNER, banner.toString(StandardCharsets.UTF_8));
    }
}
