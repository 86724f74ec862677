package io.vireo.driver.qemu.argv;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vireo.xml.VireoXml;
import io.vireo.xml.domain.CharDeviceDef;
import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.GraphicsDef;
import io.vireo.xml.domain.ListenDef;
import io.vireo.xml.domain.OsDef;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The argv pairs against the real qemu-system-x86_64: each TCG pair (and the KVM ones when /dev/kvm is
 * usable) is built again with its paths moved into a temporary directory, started, and must still be
 * running after a second with nothing on stderr (no argument error, no warning). QEMU stays paused
 * ({@code -S}) and nobody connects to its sockets.
 *
 * <p>What the test substitutes, and only that: the kernel becomes a minimal bzImage header (enough for
 * QEMU's loader, never executed), the initrd and disk images small temporary files of the XML's format with
 * the XML's file names (commas included), logs and sockets (channels' too) go to the temporary directory, a VNC display gets
 * a free port on 127.0.0.1, and a tap netdev becomes a user netdev because creating taps needs privileges
 * (the NIC devices stay as built). Pairs with block devices are left out: they name host devices; so are
 * qcow2 pairs when qemu-img is missing.
 *
 * <p>The kernel and disk stand-ins live under target/, the sockets and logs in a temporary directory; both
 * are deleted afterwards, after every QEMU started here was stopped by its PID.
 *
 * <p>All pairs start together and are checked together, so the whole class takes about two seconds.
 */
class QemuSmokeTest {
    private static final long STAY_UP_MS = 1000;
    /** Sockets and logs: short paths (a Unix socket path is at most 107 bytes). */
    private static Path tmp;
    /**
     * Images, under the build directory rather than /tmp: disks with cache 'none' open with O_DIRECT, which
     * tmpfs (/tmp on many hosts) refuses.
     */
    private static Path images;
    private static String qemu;
    private static final Map<String, Run> RUNS = new LinkedHashMap<>();

    private record Run(Process process, Path stderr, List<String> argv, long started) {
    }

    static List<String> pairs() throws IOException {
        List<String> names = new ArrayList<>();
        for (String name : ArgvPairs.names()) {
            DomainDef def = VireoXml.parseDomain(ArgvPairs.xml(name));
            boolean block = def.getDisks().stream().anyMatch(d -> "block".equals(d.getType()));
            boolean kvm = "kvm".equals(def.getType());
            boolean qcow2 = def.getDisks().stream().anyMatch(d -> "qcow2".equals(d.getDriverType()));
            if (!block && (!kvm || kvmUsable()) && (!qcow2 || findExecutable("qemu-img") != null)) {
                names.add(name);
            }
        }
        return names;
    }

    @BeforeAll
    static void startAll() throws Exception {
        qemu = findExecutable("qemu-system-x86_64");
        if (qemu == null) {
            System.err.println("QemuSmokeTest SKIPPED: qemu-system-x86_64 is not on the PATH");
        }
        Assumptions.assumeTrue(qemu != null,
                "SKIPPED: qemu-system-x86_64 is not installed, so the argv cannot be checked against QEMU");
        tmp = Files.createTempDirectory("vireo-qemu-smoke");
        images = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(),
                "qemu-smoke");
        for (String name : pairs()) {
            Path dir = Files.createDirectories(tmp.resolve(name));
            DomainDef def = VireoXml.parseDomain(ArgvPairs.xml(name));
            int vncPort = relocate(def, dir, Files.createDirectories(images.resolve(name)));
            List<String> taps = List.of("vnet0", "vnet1", "vnet2", "vnet3");
            QemuLaunch launch = new QemuLaunch(qemu, dir.resolve("monitor.sock").toString(),
                    List.of(sock(dir, 0), sock(dir, 1), sock(dir, 2), sock(dir, 3)), List.of(), vncPort, taps,
                    kvmUsable());
            List<String> argv = withoutTaps(QemuCommandLine.build(def, launch));
            Path stderr = dir.resolve("stderr.txt");
            Process p = new ProcessBuilder(argv).directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile())
                    .start();
            RUNS.put(name, new Run(p, stderr, argv, System.nanoTime()));
        }
        long first = RUNS.values().stream().mapToLong(Run::started).min().orElse(System.nanoTime());
        long waitMs = STAY_UP_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first);
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
        // the last one started later: give it its full second too
        long last = RUNS.values().stream().mapToLong(Run::started).max().orElse(first);
        long more = STAY_UP_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - last);
        if (more > 0) {
            Thread.sleep(more);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void qemuAcceptsTheArgv(String name) throws IOException {
        Run run = RUNS.get(name);
        assertTrue(run != null, "not started: " + name);
        boolean alive = run.process().isAlive();
        String err = Files.readString(run.stderr(), StandardCharsets.UTF_8).strip();
        if (!alive || !err.isEmpty()) {
            fail((alive ? "QEMU wrote to stderr" : "QEMU exited with " + run.process().exitValue()) + ":\n" + err
                    + "\nargv:\n  " + String.join("\n  ", run.argv()));
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            for (Run run : RUNS.values()) {
                run.process().destroy(); // SIGTERM to that PID only
            }
            for (Run run : RUNS.values()) {
                if (!run.process().waitFor(5, TimeUnit.SECONDS)) {
                    run.process().destroyForcibly();
                    run.process().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } finally {
            RUNS.clear();
            delete(tmp);
            delete(images);
        }
    }

    private static void delete(Path root) throws IOException {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Moves every host path of the definition into {@code dir} (logs) and {@code imageDir} (kernel, initrd,
     * disks), creating stand-ins; returns a free VNC port.
     */
    private static int relocate(DomainDef def, Path dir, Path imageDir) throws IOException, InterruptedException {
        OsDef os = def.os();
        if (os.getKernel() != null) {
            os.setKernel(fakeKernel(imageDir.resolve(base(os.getKernel()))).toString());
        }
        if (os.getInitrd() != null) {
            Path initrd = imageDir.resolve(base(os.getInitrd()));
            Files.write(initrd, new byte[4096]);
            os.setInitrd(initrd.toString());
        }
        for (DiskDef d : def.getDisks()) {
            if (d.getSourceFile() != null) {
                Path image = imageDir.resolve(base(d.getSourceFile()));
                if (!Files.exists(image)) {
                    createImage(image, "qcow2".equals(d.getDriverType()));
                }
                d.setSourceFile(image.toString());
            }
        }
        List<CharDeviceDef> chars = new ArrayList<>(def.devices().getSerials());
        chars.addAll(def.devices().getConsoles());
        chars.addAll(def.devices().getChannels());
        for (CharDeviceDef c : chars) {
            if (c.getLogFile() != null) {
                c.setLogFile(dir.resolve(base(c.getLogFile())).toString());
            }
            if (c.getSourcePath() != null) {
                c.setSourcePath(dir.resolve(base(c.getSourcePath())).toString());
            }
        }
        int port = freeVncPort();
        for (GraphicsDef g : def.devices().getGraphics()) {
            g.setListen("127.0.0.1");
            for (ListenDef l : g.getListens()) {
                l.setAddress("127.0.0.1");
            }
            if (g.getPort() != null && g.getPort() > 0) {
                g.setPort(port);
            }
            if (g.getWebsocket() != null) {
                g.setWebsocket(freePort(port + 1));
            }
        }
        return port;
    }

    /** {@code -netdev tap,id=X,...} → {@code -netdev user,id=X}: same id, so the NIC device is unchanged. */
    private static List<String> withoutTaps(List<String> argv) {
        List<String> out = new ArrayList<>(argv);
        for (int i = 0; i + 1 < out.size(); i++) {
            if (out.get(i).equals("-netdev") && out.get(i + 1).startsWith("tap,")) {
                String id = out.get(i + 1).replaceFirst("^tap,id=([^,]+),.*$", "$1");
                out.set(i + 1, "user,id=" + id);
            }
        }
        return out;
    }

    /**
     * The smallest file QEMU's x86 Linux loader accepts: one setup sector after the boot sector, the "HdrS"
     * magic, boot protocol 2.02, loaded high. It is loaded, never run (-S).
     */
    private static Path fakeKernel(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16384).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0x1f1, (byte) 1); // setup_sects
        b.putShort(0x1fe, (short) 0xaa55); // boot flag
        b.put(0x202, (byte) 'H').put(0x203, (byte) 'd').put(0x204, (byte) 'r').put(0x205, (byte) 'S');
        b.putShort(0x206, (short) 0x0202); // protocol version
        b.put(0x211, (byte) 0x01); // loadflags: LOADED_HIGH
        Files.write(path, b.array());
        return path;
    }

    private static void createImage(Path image, boolean qcow2) throws IOException, InterruptedException {
        if (!qcow2) {
            try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
                f.setLength(1 << 20);
            }
            return;
        }
        Process p = new ProcessBuilder(findExecutable("qemu-img"), "create", "-q", "-f", "qcow2", image.toString(), "1M")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("qemu-img create failed: " + out);
        }
    }

    private static String base(String path) {
        return Path.of(path).getFileName().toString();
    }

    private static String sock(Path dir, int i) {
        return dir.resolve("serial" + i + ".sock").toString();
    }

    /** A port at 5900 or above that is free on 127.0.0.1 now (a VNC display number must be non-negative). */
    private static int freeVncPort() throws IOException {
        return freePort(5900 + (int) (ProcessHandle.current().pid() % 500) + RUNS.size() * 3);
    }

    private static int freePort(int from) throws IOException {
        for (int port = from; port < from + 1000; port++) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException busy) {
                // try the next
            }
        }
        throw new IOException("no free port from " + from);
    }

    private static boolean kvmUsable() {
        Path kvm = Path.of("/dev/kvm");
        return Files.isReadable(kvm) && Files.isWritable(kvm);
    }

    private static String findExecutable(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
