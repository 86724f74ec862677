import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the VMM's start time goes: runs the VMM with -Dvireo.vmm.trace=true (StartTrace marks on
 * stderr, System.nanoTime = CLOCK_MONOTONIC, the same clock as this process's) under several
 * configurations, alternating with QEMU microvm on the same probe kernel, and prints per
 * configuration the median time from spawn to each mark, to the first guest line on stdout and
 * the RSS once the probe is done.
 *   java VmmTrace.java PROBE_DIR RUNS CONFIG_FILE [UART_BYTES UART_RUNS]
 * CONFIG_FILE: one configuration a line, "NAME<TAB>ARGV..." (words split on spaces), the command
 * that starts the VMM without its guest arguments, e.g. "java -XX:+UseSerialGC -cp CP io.vireo.kvm.vmm.Main"
 * or "HOME/bin/vireo-vmm". A java command gets -Dvireo.vmm.trace=true and -Xlog:startuptime:stderr
 * after argv[0]; any other gets them through VIREO_VMM_JAVA_OPTS. Leading words ENV:NAME=VALUE set environment
 * variables (%20 in VALUE is a space; VIREO_VMM_JAVA_OPTS keeps the trace options). Lines starting with # are skipped.
 * "NAME<TAB>!SHELL COMMAND" runs a shell command once before the runs (e.g. to build an archive); if it
 * fails, nothing else runs.
 */
public class VmmTrace {
    record Run(double firstOutputMs, long rssKib, Map<String, Double> marks, double uartBytesPerSec) {
    }

    static final long RUN_TIMEOUT_S = Long.getLong("bench.run.timeout.s", 180);
    static final Map<String, String> JVM_PHASES = Map.of("Genesis", "jvm-genesis",
        "Initialize java.lang classes", "jvm-java-lang", "Initialize module system", "jvm-modules", "Create VM", "jvm-created");
    static final String[] ORDER = {"jvm-create-start", "jvm-genesis", "jvm-java-lang", "jvm-modules", "jvm-created", "main", "config", "console", "kernel-read", "libc-init", "jna-native",
        "jna-libc-loaded", "jna-registered", "kvm-open", "vmm-ready", "console-open", "vm-irqchip-pit", "memory",
        "kernel-loaded", "vcpus-set-up", "started", "first-kvm-run", "first-uart-byte", "first-line-flushed"};
    static Path probe;

    public static void main(String[] a) throws Exception {
        probe = Path.of(a[0]);
        int runs = Integer.parseInt(a[1]);
        int uartBytes = a.length > 3 ? Integer.parseInt(a[3]) : 0;
        int uartRuns = a.length > 4 ? Integer.parseInt(a[4]) : 0;
        Map<String, List<String>> configs = new LinkedHashMap<>();
        for (String l : Files.readAllLines(Path.of(a[2]))) {
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            String[] nv = l.split("\t", 2);
            if (nv[1].startsWith("!")) {
                System.err.println("trace: " + nv[0] + ": " + nv[1].substring(1));
                Process p = new ProcessBuilder("sh", "-c", nv[1].substring(1)).inheritIO().start();
                int rc = p.waitFor();
                System.err.println("trace: " + nv[0] + " exit " + rc);
                if (rc != 0) {
                    System.err.println("trace: step " + nv[0] + " failed; stopping");
                    System.exit(1);
                }
                continue;
            }
            configs.put(nv[0], List.of(nv[1].trim().split(" +")));
        }
        Map<String, List<Run>> results = new LinkedHashMap<>();
        for (String c : configs.keySet()) {
            results.put(c, new ArrayList<>());
        }
        results.put("qemu-microvm", new ArrayList<>());
        // Warm-up round (page cache, archives): not counted.
        for (Map.Entry<String, List<String>> c : configs.entrySet()) {
            run(c.getKey(), c.getValue(), 0);
        }
        run("qemu-microvm", null, 0);
        for (int i = 0; i < runs; i++) {
            for (Map.Entry<String, List<String>> c : configs.entrySet()) {
                results.get(c.getKey()).add(run(c.getKey(), c.getValue(), 0));
            }
            results.get("qemu-microvm").add(run("qemu-microvm", null, 0));
        }
        Map<String, List<Run>> uart = new LinkedHashMap<>();
        for (String c : results.keySet()) {
            uart.put(c, new ArrayList<>());
        }
        for (int i = 0; i < uartRuns; i++) {
            for (Map.Entry<String, List<String>> c : configs.entrySet()) {
                uart.get(c.getKey()).add(run(c.getKey(), c.getValue(), uartBytes));
            }
            uart.get("qemu-microvm").add(run("qemu-microvm", null, uartBytes));
        }
        double q = median(results.get("qemu-microvm"), Run::firstOutputMs);
        double qr = median(results.get("qemu-microvm"), r -> r.rssKib() / 1024.0);
        System.out.printf("runs: %d each, alternating; medians, ms from spawn (probe kernel, 64 MiB, 1 vCPU)%n", runs);
        System.out.printf("%-22s", "mark");
        for (String c : results.keySet()) {
            System.out.printf(" %14s", c.length() > 14 ? c.substring(0, 14) : c);
        }
        System.out.println();
        for (String m : ORDER) {
            System.out.printf("%-22s", m);
            for (List<Run> rs : results.values()) {
                List<Run> with = new ArrayList<>();
                for (Run r : rs) {
                    if (r.marks().containsKey(m)) {
                        with.add(r);
                    }
                }
                System.out.print(with.isEmpty() ? String.format(" %14s", "-")
                        : String.format(" %14.0f", median(with, r -> r.marks().get(m))));
            }
            System.out.println();
        }
        System.out.printf("%-22s", "first output");
        for (List<Run> rs : results.values()) {
            System.out.printf(" %14.0f", median(rs, Run::firstOutputMs));
        }
        System.out.println();
        System.out.printf("%-22s", "  / qemu");
        for (List<Run> rs : results.values()) {
            System.out.printf(" %14.2f", median(rs, Run::firstOutputMs) / q);
        }
        System.out.println();
        System.out.printf("%-22s", "RSS MiB");
        for (List<Run> rs : results.values()) {
            System.out.printf(" %14.1f", median(rs, r -> r.rssKib() / 1024.0));
        }
        System.out.println();
        System.out.printf("%-22s", "  / qemu");
        for (List<Run> rs : results.values()) {
            System.out.printf(" %14.2f", median(rs, r -> r.rssKib() / 1024.0) / qr);
        }
        System.out.println();
        if (uartRuns > 0) {
            double qu = median(uart.get("qemu-microvm"), Run::uartBytesPerSec);
            System.out.printf("%-22s", "UART exits/s");
            for (List<Run> rs : uart.values()) {
                System.out.printf(" %14.0f", 2 * median(rs, Run::uartBytesPerSec));
            }
            System.out.println();
            System.out.printf("%-22s", "  / qemu");
            for (List<Run> rs : uart.values()) {
                System.out.printf(" %14.2f", median(rs, Run::uartBytesPerSec) / qu);
            }
            System.out.println();
        }
        for (Map.Entry<String, List<Run>> e : results.entrySet()) {
            StringBuilder b = new StringBuilder();
            for (Run r : e.getValue()) {
                b.append(String.format("%.0f/%d ", r.firstOutputMs(), r.rssKib() / 1024));
            }
            System.out.println("raw first-output ms/RSS MiB " + e.getKey() + ": " + b.toString().trim());
        }
    }

    interface F {
        double f(Run r);
    }

    static double median(List<Run> l, F f) {
        List<Double> v = new ArrayList<>();
        for (Run r : l) {
            v.add(f.f(r));
        }
        Collections.sort(v);
        int n = v.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static Run run(String name, List<String> prefix, int uartBytes) throws Exception {
        String cmdline = "console=ttyS0 probe.noreset" + (uartBytes > 0 ? " probe.uart=" + uartBytes : "");
        List<String> cmd = new ArrayList<>();
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (prefix != null) {
            String trace = "-Dvireo.vmm.trace=true -Xlog:startuptime:stderr:tn";
            boolean java = false;
            String extraOpts = null;
            for (String w : prefix) {
                if (cmd.isEmpty() && w.startsWith("ENV:")) {
                    String[] kv = w.substring(4).split("=", 2);
                    String v = kv[1].replace("%20", " ");
                    if (kv[0].equals("VIREO_VMM_JAVA_OPTS")) {
                        extraOpts = v;
                    } else {
                        pb.environment().put(kv[0], v);
                    }
                    continue;
                }
                cmd.add(w);
                if (!java && (w.endsWith("/java") || w.equals("java"))) {
                    java = true;
                    cmd.addAll(List.of(trace.split(" ")));
                }
            }
            if (!java) {
                pb.environment().put("VIREO_VMM_JAVA_OPTS", extraOpts == null ? trace : extraOpts + " " + trace);
            }
            cmd.addAll(List.of("--kernel", probe.resolve("bzImage").toString(),
                    "--initrd", probe.resolve("initrd.img").toString(), "--memory-mib", "64", "--vcpus", "1",
                    "--cmdline", cmdline, "--console", "stdio"));
        } else {
            cmd.addAll(List.of("qemu-system-x86_64", "-M", "microvm,rtc=on", "-accel", "kvm", "-cpu", "host,-arch-capabilities",
                    "-m", "64", "-smp", "1", "-kernel", probe.resolve("bzImage").toString(),
                    "-initrd", probe.resolve("initrd.img").toString(), "-append", cmdline,
                    "-nodefaults", "-no-reboot", "-display", "none", "-device", "i8042", "-serial", "stdio"));
        }
        Map<String, Double> marks = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Process p = pb.start();
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS)) {
                    System.err.println("trace: run timed out, killing " + name);
                    p.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                // run finished
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        StringBuilder errText = new StringBuilder();
        Thread err = new Thread(() -> readErr(p.getErrorStream(), t0, marks, errText));
        err.start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.ISO_8859_1))) {
            double first = -1;
            long uartStart = 0;
            double uartRate = 0;
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                if (first < 0 && line.contains("VIREO-PROBE 1 start")) {
                    first = (now - t0) / 1e6;
                }
                if (line.contains("uart: start")) {
                    uartStart = now;
                }
                if (line.contains("uart: done")) {
                    uartRate = uartBytes / ((now - uartStart) / 1e9);
                }
                if (line.contains("VIREO-PROBE 1 done")) {
                    long rss = rssKib(p.pid());
                    System.err.printf("trace: %s first-output %.0f ms rss %d KiB%s%n", name, first, rss,
                            uartBytes > 0 ? String.format(" uart %.0f B/s", uartRate) : "");
                    System.err.println("trace: " + name + " smaps: " + smaps(p.pid(), 64L << 20));
                    Run result = new Run(first, rss, marks, uartRate);
                    p.destroy();
                    err.join(5000);
                    StringBuilder b = new StringBuilder();
                    synchronized (marks) {
                        for (Map.Entry<String, Double> m : marks.entrySet()) {
                            b.append(String.format(" %s=%.0f", m.getKey(), m.getValue()));
                        }
                    }
                    System.err.println("trace: " + name + " marks:" + b);
                    return result;
                }
            }
            err.join(5000);
            throw new IOException(name + " ended before the probe was done; stderr:\n" + errText);
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            err.join(5000);
        }
    }

    static void readErr(InputStream s, long t0, Map<String, Double> marks, StringBuilder text) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(s, StandardCharsets.ISO_8859_1))) {
            String l;
            while ((l = r.readLine()) != null) {
                if (l.startsWith("vireo-vmm: trace ")) {
                    String[] w = l.split(" ");
                    synchronized (marks) {
                        marks.put(w[2], (Long.parseLong(w[3]) - t0) / 1e6);
                    }
                } else if (l.matches("^\\[[0-9]+ns\\] .*, [0-9.]+ secs$")) {
                    // -Xlog:startuptime:stderr:tn: "[NANOTIME ns] PHASE, SECONDS secs" at the end of each phase
                    long end = Long.parseLong(l.substring(1, l.indexOf("ns]")));
                    String phase = l.substring(l.indexOf("] ") + 2, l.lastIndexOf(", "));
                    double secs = Double.parseDouble(l.substring(l.lastIndexOf(", ") + 2, l.length() - " secs".length()));
                    String m = JVM_PHASES.get(phase);
                    if (m != null) {
                        synchronized (marks) {
                            marks.put(m, (end - t0) / 1e6);
                            if (phase.equals("Create VM")) {
                                marks.put("jvm-create-start", (end - (long) (secs * 1e9) - t0) / 1e6);
                            }
                        }
                    }
                } else {
                    text.append(l).append('\n');
                }
            }
        } catch (IOException ignored) {
            // process gone
        }
    }

    /**
     * RSS by mapping (KiB), largest first. "guest-ram" is the guest's RAM: an anonymous mapping of about
     * the guest's size (both VMMs map it whole), the one advised MADV_HUGEPAGE if several fit (a JVM heap
     * reserved at the same size does not have that advice).
     */
    static String smaps(long pid, long guestBytes) throws IOException {
        record Vma(String name, long size, long[] rss, boolean[] hg) {
        }
        List<Vma> vmas = new ArrayList<>();
        Vma cur = null;
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/smaps"))) {
            if (l.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] w = l.trim().split(" +", 6);
                String[] range = w[0].split("-");
                long size = Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16);
                String name = w.length > 5 ? w[5] : "[anon]";
                if (name.startsWith("/")) {
                    name = name.substring(name.lastIndexOf('/') + 1);
                }
                cur = new Vma(name, size, new long[1], new boolean[1]);
                vmas.add(cur);
            } else if (l.startsWith("Rss:") && cur != null) {
                cur.rss()[0] = Long.parseLong(l.replaceAll("[^0-9]", ""));
            } else if (l.startsWith("VmFlags:") && cur != null) {
                cur.hg()[0] = (l + " ").contains(" hg ");
            }
        }
        Vma guest = null;
        for (Vma v : vmas) {
            if (v.name().equals("[anon]") && v.size() >= guestBytes && v.size() <= guestBytes + (4L << 20)
                    && (guest == null || (v.hg()[0] && !guest.hg()[0]))) {
                guest = v;
            }
        }
        Map<String, Long> by = new LinkedHashMap<>();
        long total = 0;
        for (Vma v : vmas) {
            by.merge(v == guest ? "guest-ram" : v.name(), v.rss()[0], Long::sum);
            total += v.rss()[0];
        }
        List<Map.Entry<String, Long>> l = new ArrayList<>(by.entrySet());
        l.sort((x, y) -> Long.compare(y.getValue(), x.getValue()));
        StringBuilder b = new StringBuilder("total=" + total + " minus-guest=" + (total - by.getOrDefault("guest-ram", 0L)));
        for (int i = 0; i < Math.min(14, l.size()); i++) {
            b.append(' ').append(l.get(i).getKey()).append('=').append(l.get(i).getValue());
        }
        // The larger anonymous mappings, as mapping size in KiB : RSS in KiB (heap, code cache, stacks, malloc arenas).
        b.append(" | anon");
        for (Vma v : vmas) {
            if (v != guest && v.name().equals("[anon]") && v.rss()[0] >= 256) {
                b.append(' ').append(v.size() >> 10).append(':').append(v.rss()[0]);
            }
        }
        return b.toString();
    }

    static long rssKib(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
