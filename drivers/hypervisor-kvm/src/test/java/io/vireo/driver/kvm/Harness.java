package io.vireo.driver.kvm;

import io.vireo.api.ErrorDomain;
import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.NetworkEventType;
import io.vireo.api.event.StoragePoolEventType;
import io.vireo.api.event.StorageVolumeEventType;
import io.vireo.api.spi.EventSink;
import io.vireo.core.store.FileDefinitionStore;
import io.vireo.driver.support.domain.GuestDomains;
import io.vireo.driver.support.domain.LiveRecord;
import io.vireo.driver.support.process.GuestProcess;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The KVM driver's domain table as the daemon builds it, outside OSGi: definitions under {@code config},
 * live state under {@code run}, events recorded as "name TYPE Detail". Shared by the tests here and the
 * scenarios that run nested with the real VMM.
 */
final class Harness {
    final Path config;
    final Path run;
    final KvmBackend backend;
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final EventSink sink = new EventSink() {
        @Override
        public void domain(String name, UUID uuid, DomainEventType type, int detail) {
            events.add(name + " " + type + " " + type.detailLabel(detail));
        }

        @Override
        public void network(String name, UUID uuid, NetworkEventType type) {
        }

        @Override
        public void storagePool(String name, UUID uuid, StoragePoolEventType type) {
        }

        @Override
        public void storageVolume(String pool, String name, String key, StorageVolumeEventType type) {
        }
    };

    Harness(Path config, Path run, List<String> launcher, Duration startTimeout) {
        this(config, run, launcher, startTimeout, null);
    }

    /** With {@code defaultNetns}: the driver's default network namespace (default_netns). */
    Harness(Path config, Path run, List<String> launcher, Duration startTimeout, String defaultNetns) {
        this.config = config;
        this.run = run;
        this.backend = new KvmBackend(new KvmBackend.Settings(launcher, "", startTimeout, defaultNetns));
    }

    /** A new domain table on the same directories, as a (re)started daemon makes it. */
    GuestDomains open() {
        return new GuestDomains(backend, ErrorDomain.QEMU, "kvmDomain", new FileDefinitionStore(config), sink, run);
    }

    /** The events of {@code name}, in order. */
    List<String> eventsOf(String name) {
        synchronized (events) {
            return events.stream().filter(e -> e.startsWith(name + " ")).toList();
        }
    }

    static String xml(String name, Path kernel, Path initrd, String cmdline, String onReboot, Path serialLog) {
        return "<domain type='kvm'>\n"
                + "  <name>" + name + "</name>\n"
                + "  <uuid>" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)) + "</uuid>\n"
                + "  <memory unit='MiB'>64</memory>\n"
                + "  <vcpu>1</vcpu>\n"
                + "  <os>\n"
                + "    <type arch='x86_64'>hvm</type>\n"
                + "    <kernel>" + kernel + "</kernel>\n"
                + (initrd == null ? "" : "    <initrd>" + initrd + "</initrd>\n")
                + "    <cmdline>" + cmdline + "</cmdline>\n"
                + "  </os>\n"
                + "  <on_reboot>" + onReboot + "</on_reboot>\n"
                + "  <devices>\n"
                + "    <serial type='pty'>\n"
                + (serialLog == null ? "" : "      <log file='" + serialLog + "'/>\n")
                + "      <target port='0'/>\n"
                + "    </serial>\n"
                + "  </devices>\n"
                + "</domain>\n";
    }

    /** Waits for {@code condition}, failing with {@code what} after {@code timeout}. */
    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Reads {@code in} until what was read contains {@code marker}; the text read, or an error naming it. */
    static String readUntil(InputStream in, String marker, Duration timeout) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Thread reader = Thread.currentThread();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(timeout.toMillis());
                reader.interrupt();
            } catch (InterruptedException ignored) {
                // done in time
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            byte[] buf = new byte[512];
            while (!seen.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new AssertionError("console ended before '" + marker + "'; read: " + seen);
                }
                seen.write(buf, 0, n);
            }
        } catch (java.nio.channels.ClosedByInterruptException e) {
            throw new AssertionError("no '" + marker + "' within " + timeout.toSeconds() + " s; read: " + seen);
        } finally {
            watchdog.interrupt();
            watchdog.join();
            Thread.interrupted(); // a watchdog that fired just as the marker came
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }

    /** The VMM processes recorded in the run directory. */
    List<GuestProcess> recordedProcesses() {
        List<GuestProcess> found = new ArrayList<>();
        if (!Files.isDirectory(run)) {
            return found;
        }
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".status")).toList()) {
                try {
                    LiveRecord r = LiveRecord.parse(Files.readString(f));
                    GuestProcess.find(r.pid(), r.startTicks()).ifPresent(found::add);
                } catch (IOException | RuntimeException ignored) {
                    // unreadable: nothing to find
                }
            }
        } catch (IOException ignored) {
            // no run directory
        }
        return found;
    }

    /** Ends every VMM the run directory records (SIGKILL, by PID) and waits for them. */
    void killRecorded() {
        for (GuestProcess p : recordedProcesses()) {
            p.signal(true);
            try {
                p.awaitEnd(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
