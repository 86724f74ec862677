package io.vireo.driver.support.domain;

import io.vireo.api.ConsoleStream;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.driver.support.process.GuestProcess;
import io.vireo.xml.domain.DomainDef;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A backend whose "guests" are shell processes: enough to drive the domain table through real process
 * starts, exits, signals and reattachment without a hypervisor. The guest powers off (exit 0) on SIGTERM,
 * pause and resume are SIGSTOP and SIGCONT.
 */
final class ShellGuestBackend implements GuestBackend {
    static final String GUEST = "trap 'exit 0' TERM; while :; do sleep 0.05; done";

    @Override
    public void complete(DomainDef def) {
        if (def.getMemoryKiB() > 64L * 1024 * 1024) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, "too much memory");
        }
    }

    @Override
    public RunningGuest start(DomainDef live, GuestPaths paths, boolean paused, GuestListener listener) {
        if (live.getName().startsWith("broken")) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, "cannot start '%s'", live.getName());
        }
        try {
            GuestProcess p = GuestProcess.launch(List.of("sh", "-c", GUEST), paths.processLog(), Map.of());
            ShellGuest g = new ShellGuest(p, listener);
            if (paused) {
                g.pause();
            }
            return g;
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, e.getMessage());
        }
    }

    @Override
    public RunningGuest reattach(DomainDef live, GuestPaths paths, LiveRecord record, GuestListener listener) {
        return GuestProcess.find(record.pid(), record.startTicks()).map(p -> new ShellGuest(p, listener)).orElse(null);
    }

    static final class ShellGuest implements RunningGuest {
        private final GuestProcess process;
        private volatile boolean detached;

        ShellGuest(GuestProcess process, GuestListener listener) {
            this.process = process;
            Thread watcher = new Thread(() -> {
                try {
                    while (process.isAlive() && !detached) {
                        Thread.sleep(20);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (!detached) {
                    int code = process.child().map(Process::exitValue).orElse(-1);
                    listener.exited(this, code == 0 ? GuestExit.SHUTDOWN : GuestExit.FAILED);
                }
            });
            watcher.setDaemon(true);
            watcher.start();
        }

        @Override
        public GuestProcess process() {
            return process;
        }

        @Override
        public Map<String, String> runtime() {
            return Map.of("kind", "shell");
        }

        private void kill(String signal) {
            try {
                new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void pause() {
            kill("STOP");
        }

        @Override
        public void resume() {
            kill("CONT");
        }

        @Override
        public void powerdown() {
            kill("CONT");
            process.signal(false);
        }

        @Override
        public void reboot() {
        }

        @Override
        public void destroy() {
            try {
                process.signal(true);
                process.awaitEnd(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void detach() {
            detached = true;
        }

        @Override
        public ConsoleStream openConsole(String device, boolean force) {
            throw VirtException.of(ErrorCode.OPERATION_UNSUPPORTED, ErrorDomain.QEMU, "no console");
        }
    }
}
