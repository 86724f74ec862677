package io.vireo.driver.support.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One guest's host process, known by PID and start time so that a PID reused by another process is never
 * mistaken for it. A process this daemon started is also its child ({@link #child()}), whose exit status
 * it can wait for; one found again after a daemon restart is not, and its end is seen through its monitor
 * socket closing and {@code /proc}.
 */
public final class GuestProcess {
    private final long pid;
    private final long startTicks;
    private final Process child;

    private GuestProcess(long pid, long startTicks, Process child) {
        this.pid = pid;
        this.startTicks = startTicks;
        this.child = child;
    }

    /**
     * Starts {@code argv} in a session of its own (so it outlives the daemon and ignores its terminal's
     * signals), with stdin from /dev/null and stdout and stderr appended to {@code log}.
     */
    public static GuestProcess launch(List<String> argv, Path log, Map<String, String> environment) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(argv.size() + 1);
        // setsid(1) execs in place when its caller is not a process group leader (a forked child never is),
        // so the PID we get is the guest process's own.
        command.add("setsid");
        command.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p = pb.start();
        long ticks = ProcStat.read(p.pid()).map(ProcStat::startTicks).orElse(-1L);
        return new GuestProcess(p.pid(), ticks, p);
    }

    /** The process recorded as {@code pid}/{@code startTicks}, if it still runs; never a child. */
    public static Optional<GuestProcess> find(long pid, long startTicks) {
        return ProcStat.read(pid)
                .filter(s -> !s.ended() && s.startTicks() == startTicks)
                .map(s -> new GuestProcess(pid, startTicks, null));
    }

    public long pid() {
        return pid;
    }

    public long startTicks() {
        return startTicks;
    }

    /** The child process handle when this daemon started it, for its exit status. */
    public Optional<Process> child() {
        return Optional.ofNullable(child);
    }

    public boolean isAlive() {
        if (child != null) {
            return child.isAlive();
        }
        return ProcStat.read(pid).filter(s -> !s.ended() && s.startTicks() == startTicks).isPresent();
    }

    /** CPU time used so far (user + system), or 0 once the process is gone. */
    public long cpuTimeNanos() {
        return ProcStat.read(pid).filter(s -> s.startTicks() == startTicks).map(ProcStat::cpuTimeNanos).orElse(0L);
    }

    /** Sends SIGTERM (or SIGKILL when {@code force}), if this process still runs. */
    public void signal(boolean force) {
        if (!isAlive()) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(h -> {
            if (force) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        });
    }

    /**
     * Waits until the process has ended. A child is waited for (and so reaped); any other process counts as
     * ended once it is a zombie, without waiting for init to reap it.
     */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (child != null) {
            return child.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        while (isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /**
     * Ends the process: SIGTERM, then SIGKILL after {@code grace}. Returns when it has ended.
     *
     * @throws IOException when it survives SIGKILL for 10 s (stuck in the kernel)
     */
    public void terminate(Duration grace) throws IOException, InterruptedException {
        signal(false);
        if (awaitEnd(grace)) {
            return;
        }
        signal(true);
        if (!awaitEnd(Duration.ofSeconds(10))) {
            throw new IOException("process " + pid + " did not end after SIGKILL");
        }
    }

    @Override
    public String toString() {
        return "pid " + pid;
    }
}
