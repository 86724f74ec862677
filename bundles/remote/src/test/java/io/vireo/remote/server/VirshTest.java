package io.vireo.remote.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stock virsh against the server, compared with virsh against libvirt's own in-process test driver
 * ({@code test:///default}, no daemon). Each session runs in one virsh process on a fresh server, as each
 * in-process test:///default starts from libvirt's fixtures. Outputs must match byte for byte after
 * normalising only what cannot match: CPU time (a clock), snapshot creation times, UUIDs and MACs the
 * two sides generate, and the text of {@code uri} (each client names its own URI).
 */
class VirshTest {

    static final String[] FILES = {"vm1.xml", "vm2.xml", "net1.xml", "pool1.xml", "disk.xml"};

    @TempDir
    static Path work;

    @BeforeAll
    static void files() throws IOException {
        Processes.require(Processes.VIRSH, "the end-to-end test drives the real virsh");
        for (String f : FILES) {
            try (InputStream in = VirshTest.class.getResourceAsStream("/virsh/" + f)) {
                Files.copy(in, work.resolve(f));
            }
        }
    }

    static Map<String, String> sessions() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("domains",
            "list --all; dominfo test; domstate --reason test; domid test; domname 1; domuuid test; dumpxml test;"
            + " define vm1.xml; list --all; dominfo vm1; start vm1; list; domstate --reason vm1; domid vm1;"
            + " domname 2; domuuid vm1; suspend vm1; domstate --reason vm1; resume vm1; setmem vm1 262144;"
            + " setmaxmem vm1 2097152 --config; setvcpus vm1 1; dominfo vm1; dumpxml vm1;"
            + " autostart vm1; dominfo vm1; autostart --disable vm1; reboot vm1; shutdown vm1;"
            + " domstate --reason vm1; start vm1; destroy vm1; domstate --reason vm1; undefine vm1; list --all;"
            + " create vm2.xml; list --all; dominfo vm2; dumpxml vm2; destroy vm2; list --all");
        s.put("host", "nodeinfo; version; version --daemon; uri; hostname");
        s.put("networks",
            "net-list --all; net-define net1.xml; net-list --all; net-info net1; net-start net1; net-autostart net1;"
            + " net-info net1; net-dumpxml net1; net-list --all; net-destroy net1; net-autostart --disable net1;"
            + " net-undefine net1; net-list --all; net-info default; net-dumpxml default");
        s.put("storage",
            "pool-list --all; pool-define pool1.xml; pool-list --all; pool-start pool1; pool-info pool1;"
            + " pool-dumpxml pool1; vol-create-as pool1 v1.img 10M; vol-create-as pool1 v2.qcow2 1G --format qcow2"
            + " --allocation 0; vol-list pool1; vol-list pool1 --details; vol-info v1.img --pool pool1;"
            + " vol-dumpxml v2.qcow2 --pool pool1; vol-delete v1.img --pool pool1; vol-list pool1; pool-destroy pool1;"
            + " pool-undefine pool1; pool-list --all; pool-info default-pool; pool-dumpxml default-pool;"
            + " vol-list default-pool");
        s.put("snapshots",
            "snapshot-list test; snapshot-create-as test s1; snapshot-create-as test s2 --description hello;"
            + " snapshot-list test; snapshot-current test --name; snapshot-info test s1; snapshot-revert test s1;"
            + " snapshot-current test --name; snapshot-list test --tree; snapshot-list test --parent;"
            + " snapshot-dumpxml test s2; snapshot-delete test s2; snapshot-list test; snapshot-info test s1");
        // Neither test driver has hotplug: the same NO_SUPPORT errors, naming the API virsh called, and the
        // same elements found in the domain XML for detach-disk and detach-interface.
        s.put("devices",
            "attach-device test disk.xml; attach-device test disk.xml --config; detach-device test disk.xml --live;"
            + " detach-device test disk.xml --persistent; attach-disk test /var/lib/vireo/vdb.img vdb;"
            + " attach-disk test /var/lib/vireo/vdb.img vdb --current; detach-disk test vda;"
            + " detach-disk test vda --print-xml; detach-disk test vda --config --print-xml;"
            + " attach-interface test network default --live; detach-interface test network;"
            + " detach-interface test network --persistent --print-xml; attach-device nosuch disk.xml");
        s.put("errors",
            "dominfo nosuch; start test; undefine nosuch; suspend vm9; net-start default; net-info nosuch;"
            + " pool-start default-pool; pool-info nosuch; vol-delete nosuch --pool default-pool;"
            + " snapshot-revert test nosuch; setvcpus test 99; domname 77; domid nosuch; destroy test; destroy test;"
            + " resume test");
        return s;
    }

    static List<String> sessionNames() {
        return new ArrayList<>(sessions().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessionNames")
    void sameOutputAsLibvirtsOwnTestDriver(String session) throws Exception {
        String commands = sessions().get(session);
        try (ServerFixture f = new ServerFixture()) {
            Processes.Result remote = Processes.virsh(work, f.tcpUri(), commands);
            Processes.Result local = Processes.virsh(work, "test:///default", commands);
            List<String> normalised = normalise(local.out(), remote.out().replace(f.tcpUri(), "test:///default"));
            assertEquals(normalised.get(0), normalised.get(1),
                () -> "stdout of " + session + " " + firstDifference(normalised.get(0), normalised.get(1)));
            assertEquals(local.err(), remote.err(), "stderr of " + session);
            assertEquals(local.exit(), remote.exit(), "exit status of " + session);
            assertTrue(remote.out().length() > 20, "the session printed something: " + remote);
        }
    }

    /**
     * The driver's capabilities document is compared without its trailing blank lines, which the test
     * driver's fixture has two more of than libvirt's (its own business, not the wire's).
     */
    @Test
    void capabilities() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            Processes.Result remote = Processes.virsh(work, f.tcpUri(), "capabilities");
            Processes.Result local = Processes.virsh(work, "test:///default", "capabilities");
            assertEquals(local.out().stripTrailing(), remote.out().stripTrailing());
            assertEquals(0, remote.exit());
        }
    }

    @Test
    void unixSocketsWithVirsh() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            String rw = "test+unix:///default?socket=" + f.socket(false);
            String ro = "test+unix:///default?socket=" + f.socket(true);
            Processes.Result list = Processes.virsh(work, rw, "define vm1.xml; list --all --name");
            assertEquals("Domain 'vm1' defined from vm1.xml\n\ntest\nvm1\n\n", list.out(), list.toString());
            Processes.Result denied = Processes.virsh(work, ro, "undefine vm1");
            assertEquals("error: Failed to undefine domain 'vm1'\n"
                + "error: operation forbidden: read only access prevents virDomainUndefineFlags\n", denied.err());
            assertEquals(1, denied.exit());
            Processes.Result read = Processes.virsh(work, ro, "domstate vm1");
            assertEquals("shut off\n\n", read.out(), read.toString());
        }
    }

    @Test
    void unknownDriverIsNoConnect() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            Processes.Result r = Processes.virsh(work, "foo+tcp://127.0.0.1:" + f.port() + "/", "list");
            assertEquals(1, r.exit());
            assertEquals("error: failed to connect to the hypervisor\n"
                + "error: no connection driver available for foo:///\n", r.err());
        }
    }

    @Test
    void virshEventSeesLifecycleEvents() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            Process events = Processes.start(List.of(Processes.VIRSH.toString(), "-c", f.tcpUri(),
                "event --domain test --event lifecycle --loop --timeout 10"), work, "event");
            try {
                DispatcherTest.await(() -> f.server.sessions().stream().anyMatch(s -> !s.events().isEmpty()),
                    "virsh event to register");
                Processes.Result acted = Processes.virsh(work, f.tcpUri(), "suspend test; resume test; destroy test");
                assertEquals(0, acted.exit(), acted.toString());
                DispatcherTest.await(() -> read(work.resolve("event.out")).contains("Stopped"), "three events");
            } finally {
                events.destroy();
                events.waitFor(5, TimeUnit.SECONDS);
            }
            assertEquals("event 'lifecycle' for domain 'test': Suspended Paused\n"
                + "event 'lifecycle' for domain 'test': Resumed Unpaused\n"
                + "event 'lifecycle' for domain 'test': Stopped Destroyed\n", read(work.resolve("event.out")));
        }
    }

    /** Where two outputs part, with the lines around it: far easier to read than two whole outputs. */
    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int i = 0;
        while (i < e.length && i < a.length && e[i].equals(a[i])) {
            i++;
        }
        StringBuilder sb = new StringBuilder("differs at line " + (i + 1) + ":\n");
        for (int j = Math.max(0, i - 3); j < Math.min(Math.max(e.length, a.length), i + 3); j++) {
            sb.append(j < e.length ? "  libvirt: " + e[j] : "  libvirt: <end>").append('\n');
            sb.append(j < a.length ? "  vireo:   " + a[j] : "  vireo:   <end>").append('\n');
        }
        return sb.toString();
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static final Pattern CPU_TIME = Pattern.compile("(CPU time:\\s+)\\d+\\.\\ds");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}");
    private static final Pattern CREATION_TIME = Pattern.compile("<creationTime>\\d+</creationTime>");
    private static final Pattern GENERATED = Pattern.compile(
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|52:54:00(:[0-9a-f]{2}){3}");

    /**
     * Both outputs with clocks blanked, and every UUID or MAC that only one side shows (so one the side
     * generated) replaced by a placeholder numbered in order of appearance. UUIDs and MACs both show,
     * from fixtures and input files, stay as they are and must match.
     */
    static List<String> normalise(String a, String b) {
        List<String> out = new ArrayList<>();
        for (String s : List.of(a, b)) {
            s = CPU_TIME.matcher(s).replaceAll("$1<cpu time>");
            s = TIMESTAMP.matcher(s).replaceAll("<time>");
            s = CREATION_TIME.matcher(s).replaceAll("<creationTime>T</creationTime>");
            out.add(s);
        }
        List<String> tokensA = tokens(out.get(0));
        List<String> tokensB = tokens(out.get(1));
        out.set(0, placeholders(out.get(0), tokensA, tokensB));
        out.set(1, placeholders(out.get(1), tokensB, tokensA));
        return out;
    }

    private static List<String> tokens(String s) {
        List<String> t = new ArrayList<>();
        Matcher m = GENERATED.matcher(s);
        while (m.find()) {
            if (!t.contains(m.group())) {
                t.add(m.group());
            }
        }
        return t;
    }

    private static String placeholders(String s, List<String> mine, List<String> theirs) {
        int n = 0;
        for (String token : mine) {
            if (!theirs.contains(token)) {
                s = s.replace(token, "<generated-" + ++n + ">");
            }
        }
        return s;
    }
}
