package io.vireo.driver.support.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/PID/stat} a driver needs: state, parent, CPU time and start time. The start
 * time (clock ticks since boot) tells a process from a later one that was given the same PID.
 */
public record ProcStat(long pid, char state, long ppid, long userTicks, long systemTicks, long startTicks) {
    /** USER_HZ: the unit of the tick fields, 100 on every Linux architecture Vireo runs on. */
    public static final long TICKS_PER_SECOND = 100;

    public static Optional<ProcStat> read(long pid) {
        try {
            return Optional.of(parse(pid, Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses one stat line. The command name may hold spaces and parentheses, so fields count from the last ')'. */
    static ProcStat parse(long pid, String line) {
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state); field n is f[n - 3].
        return new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Long.parseLong(f[19]));
    }

    /** The resident set size of {@code pid} in KiB (VmRSS of /proc/PID/status), or -1 when unknown. */
    public static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Whether the process has ended (a zombie waiting to be reaped has ended too). */
    public boolean ended() {
        return state == 'Z' || state == 'X' || state == 'x';
    }

    public long cpuTimeNanos() {
        return (userTicks + systemTicks) * (1_000_000_000L / TICKS_PER_SECOND);
    }
}
