package io.vireo.shell.conformance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * virt:console on a running domain of test:///default, whose driver has no consoles. virsh only gets that
 * far on a terminal, so the console script cannot compare it; the expected text is what virsh 9.0 prints
 * there ({@code virsh -c test:///default console test} under {@code script}), the banner included.
 */
class ConsoleMessagesTest {
    private static final String BANNER = "Connected to domain 'test'\nEscape character is ^] (Ctrl + ])\n";

    @TempDir
    Path work;

    private VireoShell shell;

    @BeforeEach
    void start() {
        shell = new VireoShell(work);
    }

    @AfterEach
    void stop() {
        List<Throwable> unexpected = shell.unexpected();
        shell.close();
        assertEquals(List.of(), unexpected);
    }

    @Test
    void aDriverWithoutConsolesAnswersAfterTheBanner() {
        assertEquals(BANNER + "error: this function is not supported by the connection driver: virDomainOpenConsole\n",
                shell.run("virt:console test"));
        assertEquals(BANNER + "error: this function is not supported by the connection driver: virDomainOpenConsole\n",
                shell.run("virt:console 1 serial0 --force --safe"));
    }

    @Test
    void aReadOnlyConnectionIsRefusedAfterTheBanner() {
        // virsh -r -c test:///default console test
        assertEquals(BANNER + "error: operation forbidden: read only access prevents virDomainOpenConsole\n",
                shell.run("virt:console --readonly test"));
    }

    @Test
    void theDeviceNameOnceOnly() {
        assertEquals("error: option --devname already seen\n", shell.run("virt:console test serial0 --devname serial1"));
    }
}
