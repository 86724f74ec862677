package io.vireo.itests;

import org.junit.Assume;
import org.junit.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The unpacked distribution under many libvirt clients at once: {@value #CLIENTS_DEFAULT} python-libvirt
 * connections (threads of one /usr/bin/python3, each with a connection of its own) over
 * {@code test+tcp://}, each making {@value #CALLS_DEFAULT} mixed calls (lookups, info, state, XML, listings,
 * define/create/destroy/undefine of a domain of its own), every answer checked, none may fail. Afterwards
 * the daemon still answers, over RPC and on the console, no client's domain is left, and the open
 * connections (JMX {@code io.vireo:type=Daemon} OpenConnections) are back where they were. Prints calls/s.
 * {@code -Dvireo.stress.clients} and {@code -Dvireo.stress.calls} change the load.
 */
public class RpcStressIT {
    static final int CLIENTS_DEFAULT = 50;
    static final int CALLS_DEFAULT = 1000;
    private static final int CLIENTS = Integer.getInteger("vireo.stress.clients", CLIENTS_DEFAULT);
    private static final int CALLS = Integer.getInteger("vireo.stress.calls", CALLS_DEFAULT);
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Pattern RATE = Pattern.compile("calls (\\d+) seconds ([\\d.]+) calls/s (\\d+)");

    @Test
    public void fiftyPythonLibvirtClientsAtOnce() throws Exception {
        Path work = Path.of(System.getProperty("vireo.itests.work", "target/work")).resolve("rpc-stress");
        Path scratch = Path.of(System.getProperty("vireo.itests.work", "target/work")).resolve("rpc-stress-client");
        Distribution.deleteTree(scratch);
        Files.createDirectories(scratch);
        requirePythonLibvirt(scratch);
        Path script = scratch.resolve("rpc_stress.py");
        try (InputStream in = RpcStressIT.class.getResourceAsStream("/python/rpc_stress.py")) {
            Files.copy(in, script);
        }

        try (Distribution dist = new Distribution(work)) {
            int port = VireoTestSupport.freePort();
            dist.setProperty("etc/io.vireo.daemon.cfg", "tcp_port", Integer.toString(port));
            long t0 = System.nanoTime();
            System.out.println("start -> first virt:list answer: " + dist.start() + " ms");
            Eventually.within(60, "RPC server listening on 127.0.0.1:" + port, () -> listening(port));
            String uri = "test+tcp://127.0.0.1:" + port + "/default";

            JMXServiceURL url = new JMXServiceURL(dist.jmxUrl());
            try (JMXConnector connector = Eventually.within(60, "JMX login", () -> JMXConnectorFactory.connect(url,
                    Map.of(JMXConnector.CREDENTIALS, new String[] {"karaf", "karaf"})))) {
                MBeanServerConnection jmx = connector.getMBeanServerConnection();
                ObjectName daemon = new ObjectName("io.vireo:type=Daemon");
                int before = Eventually.within(60, "io.vireo:type=Daemon registered",
                        () -> (Integer) jmx.getAttribute(daemon, "OpenConnections"));
                System.out.println("open connections before: " + before);

                ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), script.toString(), uri,
                        Integer.toString(CLIENTS), Integer.toString(CALLS), "stress").directory(scratch.toFile());
                environment(pb, scratch);
                pb.redirectOutput(scratch.resolve("stress.out").toFile());
                pb.redirectError(scratch.resolve("stress.err").toFile());
                Process python = pb.start();
                int most = before;
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
                    while (!python.waitFor(100, TimeUnit.MILLISECONDS)) {
                        most = Math.max(most, (Integer) jmx.getAttribute(daemon, "OpenConnections"));
                        if (System.nanoTime() > deadline) {
                            fail("the clients did not finish within 150 s:\n" + Files.readString(scratch.resolve("stress.out")));
                        }
                    }
                } finally {
                    if (python.isAlive()) {
                        python.destroyForcibly();
                        python.waitFor(30, TimeUnit.SECONDS);
                    }
                }
                String out = Files.readString(scratch.resolve("stress.out"));
                String err = Files.readString(scratch.resolve("stress.err"));
                System.out.print(out);
                System.out.print(err);
                Matcher rate = RATE.matcher(out);
                assertTrue(out + err, rate.find());
                System.out.printf("%d clients x %d calls: %s calls in %s s, %s calls/s%n", CLIENTS, CALLS,
                        rate.group(1), rate.group(2), rate.group(3));
                System.out.println("open connections during the run, at most: " + most);
                assertTrue("all " + CLIENTS + " clients were connected at once (at most " + most + ", before "
                        + before + ")", most >= before + CLIENTS);

                // The daemon still answers, over RPC and on the console, and no client's domain is left.
                Path probe = scratch.resolve("probe.py");
                Files.writeString(probe, "import sys, libvirt\nc = libvirt.open(sys.argv[1])\n"
                        + "print(sorted(d.name() for d in c.listAllDomains()))\nc.close()\n");
                ProcessBuilder after = new ProcessBuilder(PYTHON.toString(), probe.toString(), uri)
                        .directory(scratch.toFile()).redirectErrorStream(true);
                environment(after, scratch);
                Process p = after.start();
                String listed = new String(p.getInputStream().readAllBytes()).trim();
                assertTrue(p.waitFor(60, TimeUnit.SECONDS));
                assertEquals(listed, 0, p.exitValue());
                assertEquals("['test']", listed);
                // No connection leaked: every client's, and the probe's, is released once it has gone. (At most as
                // many as before: the console's finished sessions let theirs go when they are collected.)
                int[] now = {-1};
                try {
                    Eventually.within(30, "open connections back to " + before, () -> {
                        now[0] = (Integer) jmx.getAttribute(daemon, "OpenConnections");
                        return now[0] <= before;
                    });
                } catch (AssertionError e) {
                    throw new AssertionError("connections leaked: " + now[0] + " open, " + before + " before the clients", e);
                }
                System.out.println("open connections after the clients and the probe: " + now[0]);
                Distribution.CommandResult list = dist.client("virt:list --all");
                assertEquals(list.output(), 0, list.exitCode());
                assertTrue(list.output(), Pattern.compile("1\\s+test\\s+running").matcher(list.output()).find());
                assertFalse(list.output(), list.output().contains("stress-"));

                // Last, so that a failed call does not hide a leak or a daemon that stopped answering.
                assertEquals("the clients reported errors:\n" + out + err, 0, python.exitValue());
                assertTrue(out, Long.parseLong(rate.group(1)) >= (long) CLIENTS * CALLS);
            }
            System.out.println("test total (start, load, checks): "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        } finally {
            Distribution.deleteTree(scratch);
        }
    }

    /** python3-libvirt must import under /usr/bin/python3; CI (VIREO_REQUIRE_VIRSH=1) fails rather than skips. */
    private static void requirePythonLibvirt(Path dir) throws IOException, InterruptedException {
        String why = null;
        if (!Files.isExecutable(PYTHON)) {
            why = PYTHON + " is not installed";
        } else {
            ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), "-c", "import libvirt").redirectErrorStream(true);
            environment(pb, dir);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                p.waitFor();
                why = "python3-libvirt is not importable under " + PYTHON + ": " + out;
            }
        }
        if (why != null) {
            if ("1".equals(System.getenv("VIREO_REQUIRE_VIRSH"))) {
                fail(why + " (VIREO_REQUIRE_VIRSH=1)");
            }
            System.err.println("*** RpcStressIT SKIPPED: " + why + " (apt-get install python3-libvirt)");
            Assume.assumeTrue(why, false);
        }
    }

    private static void environment(ProcessBuilder pb, Path home) {
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        pb.environment().put("HOME", home.toString());
        pb.environment().put("LC_ALL", "C");
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    }

    private static Boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
