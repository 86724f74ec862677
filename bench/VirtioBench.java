import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * virtio-blk / virtio-net request throughput: Vireo's VMM vs qemu-system-x86_64 -M microvm -accel kvm,
 * same probe kernel and command line (vireo.blkbench=N, vireo.netbench=M), a fresh 64 MiB raw image
 * per run, alternating runs. The host times the probe's "VIREO-BENCH DEV PHASE start" / "done" lines
 * on the serial console (both VMMs print the same lines). For Vireo, the monitor's query-stats after
 * the probe is done gives the vCPU's MMIO exits, divided by the bench's requests.
 * Run through bench/virtio.sh.
 *   java VirtioBench.java PROBE_DIR WORK_DIR RUNS N_BLK N_NET VIREO_VMM_COMMAND...
 * N_NET 0: no virtio-net (no tap is made). Otherwise the tap vireo-t0 is made by the VMM under test
 * and brought up with busybox ifconfig before the probe is told to start transmitting.
 */
public class VirtioBench {
    static final String TAP = "vireo-t0";
    static final long DISK_BYTES = 64L << 20;
    static final long RUN_TIMEOUT_S = Long.getLong("bench.run.timeout.s", 600);
    static final Pattern LINE = Pattern.compile("VIREO-BENCH (\\w+) (\\w+) (start|done)(?: (\\d+) errors (\\d+))?");

    static Path probe;
    static Path work;
    static List<String> vmmCommand;
    static int nBlk;
    static int nNet;

    public static void main(String[] a) throws Exception {
        probe = Path.of(a[0]);
        work = Path.of(a[1]);
        int runs = Integer.parseInt(a[2]);
        nBlk = Integer.parseInt(a[3]);
        nNet = Integer.parseInt(a[4]);
        vmmCommand = List.of(a).subList(5, a.length);
        Map<String, List<Double>> v = new LinkedHashMap<>();
        Map<String, List<Double>> q = new LinkedHashMap<>();
        List<Double> exitsPerReq = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            // Alternate which VMM goes first, so a slow patch of the loaded host hits both alike.
            boolean vireoFirst = i % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean vireo = (k == 0) == vireoFirst;
                Map<String, Double> r = run(vireo, exitsPerReq);
                r.forEach((w, ops) -> (vireo ? v : q).computeIfAbsent(w, x -> new ArrayList<>()).add(ops));
            }
        }
        System.out.printf("runs: %d each, alternating; guest: probe kernel, 64 MiB, 1 vCPU; blk N=%d per phase, the warmup phase first"
                + " (4 KiB, one in flight), net N=%d frames of 1514 B (one in flight)%n", runs, nBlk, nNet);
        System.out.printf("%-22s %12s %12s %10s%n", "workload (median ops/s)", "vireo", "qemu-microvm", "vireo/qemu");
        for (String w : v.keySet()) {
            double vm = median(v.get(w));
            double qm = q.containsKey(w) ? median(q.get(w)) : Double.NaN;
            System.out.printf("%-22s %12.0f %12.0f %10.2f%n", w, vm, qm, vm / qm);
        }
        for (String w : v.keySet()) {
            System.out.println("raw " + w + " vireo: " + list(v.get(w)) + " | qemu: " + list(q.get(w)));
        }
        if (!exitsPerReq.isEmpty()) {
            System.out.printf("vireo MMIO exits per bench request (query-stats, whole run incl. device setup): %s%n",
                    exitsPerReq.stream().map(d -> String.format("%.2f", d)).reduce((x, y) -> x + " " + y).orElse(""));
        }
    }

    static double median(List<Double> l) {
        List<Double> s = new ArrayList<>(l);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static String list(List<Double> l) {
        StringBuilder b = new StringBuilder();
        if (l != null) {
            for (double d : l) {
                b.append(String.format("%.0f ", d));
            }
        }
        return b.toString().trim();
    }

    static Map<String, Double> run(boolean vireo, List<Double> exitsPerReq) throws Exception {
        String who = vireo ? "vireo" : "qemu ";
        Path disk = work.resolve(vireo ? "vireo.img" : "qemu.img");
        Files.deleteIfExists(disk);
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(DISK_BYTES); // fresh, sparse, all zeros
        }
        Path sock = work.resolve("monitor.sock");
        Files.deleteIfExists(sock);
        String cmdline = "console=ttyS0 probe.noreset vireo.blkbench=" + nBlk + (nNet > 0 ? " vireo.netbench=" + nNet : "");
        String mac = "52:54:00:12:34:56";
        List<String> cmd = new ArrayList<>();
        if (vireo) {
            cmd.addAll(vmmCommand);
            cmd.addAll(List.of("--kernel", probe.resolve("bzImage").toString(),
                    "--initrd", probe.resolve("initrd.img").toString(), "--memory-mib", "64", "--vcpus", "1",
                    "--cmdline", cmdline, "--console", "stdio", "--monitor-socket", sock.toString(), "--disk", disk.toString()));
            if (nNet > 0) {
                cmd.addAll(List.of("--net", "tap=" + TAP + ",mac=" + mac));
            }
        } else {
            // acpi=off: microvm then appends virtio_mmio.device= words; force-legacy=false: virtio-mmio version 2.
            cmd.addAll(List.of("qemu-system-x86_64", "-M", "microvm,rtc=on,acpi=off", "-accel", "kvm",
                    "-cpu", "host,-arch-capabilities", "-m", "64", "-smp", "1",
                    "-kernel", probe.resolve("bzImage").toString(), "-initrd", probe.resolve("initrd.img").toString(),
                    "-append", cmdline, "-nodefaults", "-no-reboot", "-display", "none", "-device", "i8042",
                    "-global", "virtio-mmio.force-legacy=false",
                    "-drive", "id=d0,if=none,format=raw,file=" + disk, "-device", "virtio-blk-device,drive=d0"));
            if (nNet > 0) {
                cmd.addAll(List.of("-netdev", "tap,id=n0,ifname=" + TAP + ",script=no,downscript=no",
                        "-device", "virtio-net-device,netdev=n0,mac=" + mac));
            }
            cmd.addAll(List.of("-serial", "stdio"));
        }
        Process p = new ProcessBuilder(cmd).redirectError(work.resolve(vireo ? "vireo.err" : "qemu.err").toFile()).start();
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS)) {
                    System.err.println("bench: run timed out, killing " + who);
                    p.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                // run finished
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        Map<String, Double> result = new LinkedHashMap<>();
        Map<String, Long> starts = new LinkedHashMap<>();
        OutputStream stdin = p.getOutputStream();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                if (line.contains("VIREO-BENCH net wait")) {
                    Process ifc = new ProcessBuilder("busybox", "ifconfig", TAP, "up").redirectErrorStream(true).start();
                    String o = new String(ifc.getInputStream().readAllBytes());
                    if (!ifc.waitFor(30, TimeUnit.SECONDS) || ifc.exitValue() != 0) {
                        throw new IOException("ifconfig " + TAP + " up: " + o);
                    }
                    stdin.write('\n');
                    stdin.flush();
                    continue;
                }
                if (line.contains("VIREO-BENCH") && (line.contains("FAILED") || line.contains("no device"))) {
                    throw new IOException(who + ": " + line);
                }
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    String w = m.group(1) + " " + m.group(2);
                    if (m.group(3).equals("start")) {
                        starts.put(w, now);
                    } else {
                        if (!"0".equals(m.group(5))) {
                            throw new IOException(who + ": " + line.trim());
                        }
                        double ops = Long.parseLong(m.group(4)) / ((now - starts.get(w)) / 1e9);
                        result.put(w, ops);
                    }
                }
                if (line.contains("VIREO-PROBE 1 done")) {
                    StringBuilder b = new StringBuilder();
                    result.forEach((w, ops) -> b.append(String.format(" %s %.0f/s", w, ops)));
                    if (vireo) {
                        String stats = queryStats(sock);
                        long mmio = sum(stats, "\"mmio_exits\":(\\d+)");
                        double per = mmio / (double) (5L * nBlk + nNet);
                        exitsPerReq.add(per);
                        b.append(String.format(" | mmio exits %d (%.2f per request)", mmio, per));
                        if (exitsPerReq.size() == 1) {
                            System.err.println("bench: vireo query-stats: " + stats);
                        }
                    }
                    System.err.println("bench: " + who + b);
                    return result;
                }
            }
            throw new IOException(who + " ended before the probe was done; see " + work.resolve(vireo ? "vireo.err" : "qemu.err")
                    + ": " + Files.readString(work.resolve(vireo ? "vireo.err" : "qemu.err")));
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    static long sum(String s, String regex) {
        long n = 0;
        Matcher m = Pattern.compile(regex).matcher(s);
        while (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        return n;
    }

    static String queryStats(Path sock) throws IOException {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(sock));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(c);
            in.readLine(); // greeting
            out.write("{\"execute\":\"query-stats\",\"id\":\"b\"}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            String l;
            while ((l = in.readLine()) != null) {
                if (l.contains("\"return\"") || l.contains("\"error\"")) {
                    return l;
                }
            }
            return "";
        }
    }
}
