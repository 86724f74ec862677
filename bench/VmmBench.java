import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Vireo's VMM vs qemu-system-x86_64 -M microvm -accel kvm, on the same probe kernel.
 * Alternating runs; per run: start -> first guest output (the probe's banner on the serial
 * console), VMM RSS once the probe is done, in all and without the guest's RAM (the anonymous
 * mapping of the guest's size in /proc/PID/smaps; both VMMs map it whole and the probe touches the
 * same pages), and for the UART run the console throughput (the probe polls LSR and writes THR:
 * 2 port exits per byte on both VMMs).
 * Run through bench/vmm-start.sh, which builds everything, lays out a distribution-shaped directory
 * and picks direct or nested KVM.
 *   java VmmBench.java PROBE_DIR RUNS UART_BYTES VIREO_VMM_COMMAND...
 * VIREO_VMM_COMMAND: how the VMM is started, without its guest arguments (bin/vireo-vmm as shipped).
 */
public class VmmBench {
    record Run(double firstOutputMs, long rssKib, long guestKib, double uartBytesPerSec) {
    }

    static final long GUEST_BYTES = 64L << 20;

    static final long RUN_TIMEOUT_S = Long.getLong("bench.run.timeout.s", 120);
    static Path probe;
    static List<String> vmmCommand;

    public static void main(String[] a) throws Exception {
        probe = Path.of(a[0]);
        int runs = Integer.parseInt(a[1]);
        int uart = Integer.parseInt(a[2]);
        vmmCommand = List.of(a).subList(3, a.length);
        List<Run> vs = new ArrayList<>();
        List<Run> qs = new ArrayList<>();
        List<Run> vu = new ArrayList<>();
        List<Run> qu = new ArrayList<>();
        run(true, 0); // warm the page cache and the CDS archive; not counted
        run(false, 0);
        for (int i = 0; i < runs; i++) {
            vs.add(run(true, 0));
            qs.add(run(false, 0));
        }
        for (int i = 0; i < Math.max(3, runs / 3); i++) {
            vu.add(run(true, uart));
            qu.add(run(false, uart));
        }
        double vf = median(vs, Run::firstOutputMs);
        double qf = median(qs, Run::firstOutputMs);
        double vr = median(vs, r -> r.rssKib() / 1024.0);
        double qr = median(qs, r -> r.rssKib() / 1024.0);
        double vn = median(vs, r -> (r.rssKib() - r.guestKib()) / 1024.0);
        double qn = median(qs, r -> (r.rssKib() - r.guestKib()) / 1024.0);
        double vt = median(vu, Run::uartBytesPerSec) * 2;
        double qt = median(qu, Run::uartBytesPerSec) * 2;
        System.out.printf("runs: %d each, alternating; guest: probe kernel, 64 MiB, 1 vCPU%n", runs);
        System.out.printf("%-28s %12s %12s %10s%n", "metric (median)", "vireo", "qemu-microvm", "vireo/qemu");
        System.out.printf("%-28s %12.1f %12.1f %10.2f%n", "start->first output (ms)", vf, qf, vf / qf);
        System.out.printf("%-28s %12.1f %12.1f %10.2f%n", "VMM RSS (MiB)", vr, qr, vr / qr);
        System.out.printf("%-28s %12.1f %12.1f %10.2f%n", "VMM RSS - guest RAM (MiB)", vn, qn, vn / qn);
        System.out.printf("%-28s %12.0f %12.0f %10.2f%n", "UART port exits/s", vt, qt, vt / qt);
        System.out.println("raw start ms vireo: " + list(vs, Run::firstOutputMs));
        System.out.println("raw start ms qemu : " + list(qs, Run::firstOutputMs));
        System.out.println("raw RSS-guest MiB vireo: " + list(vs, r -> (r.rssKib() - r.guestKib()) / 1024.0, "%.1f "));
        System.out.println("raw RSS-guest MiB qemu : " + list(qs, r -> (r.rssKib() - r.guestKib()) / 1024.0, "%.1f "));
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
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static String list(List<Run> l, F f) {
        return list(l, f, "%.0f ");
    }

    static String list(List<Run> l, F f, String format) {
        StringBuilder b = new StringBuilder();
        for (Run r : l) {
            b.append(String.format(format, f.f(r)));
        }
        return b.toString().trim();
    }

    static Run run(boolean vireo, int uartBytes) throws Exception {
        String cmdline = "console=ttyS0 probe.noreset" + (uartBytes > 0 ? " probe.uart=" + uartBytes : "");
        List<String> cmd = new ArrayList<>();
        if (vireo) {
            cmd.addAll(vmmCommand);
            cmd.addAll(List.of("--kernel", probe.resolve("bzImage").toString(),
                    "--initrd", probe.resolve("initrd.img").toString(), "--memory-mib", "64", "--vcpus", "1",
                    "--cmdline", cmdline, "--console", "stdio"));
        } else {
            cmd.addAll(List.of("qemu-system-x86_64", "-M", "microvm,rtc=on", "-accel", "kvm", "-cpu", "host,-arch-capabilities",
                    "-m", "64", "-smp", "1", "-kernel", probe.resolve("bzImage").toString(),
                    "-initrd", probe.resolve("initrd.img").toString(), "-append", cmdline,
                    "-nodefaults", "-no-reboot", "-display", "none", "-device", "i8042", "-serial", "stdio"));
        }
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // A run that never reaches the probe's end is killed, so the bench always finishes.
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS)) {
                    System.err.println("bench: run timed out, killing " + (vireo ? "vireo" : "qemu"));
                    p.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                // run finished
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
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
                    long guest = guestRssKib(p.pid());
                    System.err.printf("bench: %s first-output %.1f ms rss %d KiB (guest RAM %d KiB)%s%n", vireo ? "vireo" : "qemu ",
                            first, rss, guest, uartBytes > 0 ? String.format(" uart %.0f B/s", uartRate) : "");
                    return new Run(first, rss, guest, uartRate);
                }
            }
            throw new IOException((vireo ? "vireo" : "qemu") + " ended before the probe was done");
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * RSS of the guest's RAM: the anonymous mapping of about the guest's size, the one advised
     * MADV_HUGEPAGE if several fit (a JVM heap reserved at the same size has no such advice).
     */
    static long guestRssKib(long pid) throws IOException {
        long best = 0;
        boolean bestHuge = false;
        boolean found = false;
        long size = 0;
        long rss = 0;
        boolean anon = false;
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("/proc/" + pid + "/smaps")));
        for (String l : lines) {
            if (l.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] w = l.trim().split(" +", 6);
                String[] range = w[0].split("-");
                size = Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16);
                anon = w.length <= 5;
            } else if (l.startsWith("Rss:")) {
                rss = Long.parseLong(l.replaceAll("[^0-9]", ""));
            } else if (l.startsWith("VmFlags:")) {
                boolean huge = (l + " ").contains(" hg ");
                if (anon && size >= GUEST_BYTES && size <= GUEST_BYTES + (4L << 20) && (!found || (huge && !bestHuge))) {
                    best = rss;
                    bestHuge = huge;
                    found = true;
                }
            }
        }
        return best;
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
