package io.vireo.remote.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * python3-libvirt (the C library's own client, through its Python binding) against the server: the calls
 * of a management script and lifecycle events through libvirt's default event loop. The script asserts
 * as it goes; here we check it finished and saw the events in order.
 */
class PythonLibvirtTest {

    @TempDir
    static Path work;
    static Path script;

    @BeforeAll
    static void script() throws Exception {
        Processes.require(Processes.PYTHON, "python-libvirt is driven by /usr/bin/python3");
        Processes.Result probe = Processes.run(List.of(Processes.PYTHON.toString(), "-c", "import libvirt"), work, 30);
        if (probe.exit() != 0) {
            Processes.require(Path.of("/nonexistent/python3-libvirt"), "python3-libvirt is not importable: " + probe.err());
        }
        script = work.resolve("libvirt_client.py");
        try (InputStream in = PythonLibvirtTest.class.getResourceAsStream("/python/libvirt_client.py")) {
            Files.copy(in, script);
        }
    }

    Processes.Result run(String uri) {
        return Processes.run(List.of(Processes.PYTHON.toString(), script.toString(), uri), work, 60);
    }

    static List<String> events(Processes.Result r) {
        return r.out().lines().filter(l -> l.startsWith("event ")).toList();
    }

    @Test
    void overTcp() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            Processes.Result r = run(f.tcpUri());
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().endsWith("done\n"), r.toString());
            assertEquals(List.of("event pyvm Defined 0", "event pyvm Started 0", "event pyvm Stopped 1",
                "event pyvm Undefined 0"), events(r));
            RpcServerTest.awaitOpenConnections(f, 0);
        }
    }

    @Test
    void overTheUnixSocket() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            Processes.Result r = run("test+unix:///default?socket=" + f.socket(false));
            assertEquals(0, r.exit(), r.toString());
            assertEquals(4, events(r).size(), r.toString());
        }
    }

    /** The script itself, against libvirt's in-process test driver: what it expects is libvirt's behaviour. */
    @Test
    void scriptPassesAgainstLibvirtItself() {
        Processes.Result r = run("test:///default");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(4, events(r).size(), r.toString());
    }
}
