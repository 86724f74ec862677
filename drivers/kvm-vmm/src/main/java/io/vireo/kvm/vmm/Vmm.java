package io.vireo.kvm.vmm;

import io.vireo.kvm.vmm.api.VmConfig;
import io.vireo.kvm.vmm.boot.BzImage;
import io.vireo.kvm.vmm.devices.Bus;
import io.vireo.kvm.vmm.devices.BusDevice;
import io.vireo.kvm.vmm.devices.Console;
import io.vireo.kvm.vmm.devices.acpi.GenericEventDevice;
import io.vireo.kvm.vmm.devices.acpi.ResetRegister;
import io.vireo.kvm.vmm.devices.acpi.SleepRegisters;
import io.vireo.kvm.vmm.devices.legacy.I8042;
import io.vireo.kvm.vmm.devices.legacy.PciConf1;
import io.vireo.kvm.vmm.devices.legacy.Rtc;
import io.vireo.kvm.vmm.devices.legacy.Serial;
import io.vireo.kvm.vmm.devices.virtio.MmioDevices;
import io.vireo.kvm.vmm.kvm.Kvm;
import io.vireo.kvm.vmm.kvm.VmFd;
import io.vireo.kvm.vmm.vstate.Vcpu;
import io.vireo.kvm.vmm.vstate.VmEvents;
import io.vireo.kvm.vmm.vstate.Vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The controller of one guest: owns the devices (which outlive guest resets), the current
 * {@link Vm}, and the guest's status. Monitor commands and vCPU events both end up here;
 * vCPU threads only enqueue, so they never wait on this object's lock.
 */
public final class Vmm implements VmEvents, AutoCloseable {
    public enum Status { CREATED, RUNNING, PAUSED, SHUTDOWN }

    public static final String PVM_WARNING =
            "KVM here is PVM: ring-0 guest code is emulated; stock kernels boot very slowly";

    private final VmConfig config;
    private final Kvm kvm;
    private final BzImage kernel;
    private final byte[] initrd;
    private final Bus bus = new Bus();
    private final Console console;
    private final Serial serial;
    private final I8042 i8042;
    private final SleepRegisters sleep;
    private final GenericEventDevice ged = new GenericEventDevice();
    private final MmioDevices virtio;
    private final LinkedBlockingQueue<Runnable> controlQueue = new LinkedBlockingQueue<>();
    private final CopyOnWriteArrayList<Consumer<Map<String, Object>>> eventListeners = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();
    private Vm vm;
    private volatile Status status = Status.CREATED;
    private volatile String shutdownReason;
    private volatile int exitCode;
    private int resets;
    /** A reboot request went to an ACPI guest as a power-button press: its power-off is a reboot. */
    private volatile boolean powerOffIsReboot;
    private long pastExits;

    public Vmm(VmConfig config, Console console) throws IOException {
        this.config = config;
        this.console = console;
        this.kernel = BzImage.parse(Files.readAllBytes(config.kernel()));
        this.initrd = config.initrd() == null ? null : Files.readAllBytes(config.initrd());
        StartTrace.mark("kernel-read");
        this.kvm = Kvm.open();
        StartTrace.mark("kvm-open");
        serial = new Serial(console);
        console.attach(serial);
        i8042 = new I8042(() -> controlQueue.add(() -> onGuestReset("i8042 reset")));
        bus.mapPorts(0x3f8, 8, serial);
        bus.mapPorts(0x60, 1, i8042);
        bus.mapPorts(0x64, 1, shifted(i8042, 4));
        bus.mapPorts(0x70, 2, new Rtc(Clock.systemUTC()));
        bus.mapPorts(0xcf8, 8, new PciConf1());
        bus.mapPorts(0x80, 1, ignore()); // POST codes / io_delay
        sleep = new SleepRegisters(() -> controlQueue.add(this::onGuestPowerOff), Vmm::log);
        bus.mapPorts(SleepRegisters.PORT, SleepRegisters.PORTS, sleep);
        bus.mapPorts(ResetRegister.PORT, 1, new ResetRegister(() -> controlQueue.add(() -> onGuestReset("ACPI reset"))));
        bus.mapPorts(GenericEventDevice.PORT, 1, ged);
        virtio = MmioDevices.fromConfig(config, bus, Vmm::log);
    }

    private static BusDevice shifted(BusDevice d, long by) {
        return new BusDevice() {
            @Override
            public long read(long offset, int size) {
                return d.read(offset + by, size);
            }

            @Override
            public void write(long offset, int size, long value) {
                d.write(offset + by, size, value);
            }
        };
    }

    private static BusDevice ignore() {
        return new BusDevice() {
            @Override
            public long read(long offset, int size) {
                return 0xff;
            }

            @Override
            public void write(long offset, int size, long value) {
            }
        };
    }

    public static void log(String msg) {
        System.err.println("vireo-vmm: " + msg);
    }

    public Bus bus() {
        return bus;
    }

    public MmioDevices virtio() {
        return virtio;
    }

    public VmConfig config() {
        return config;
    }

    public Status status() {
        return status;
    }

    public String shutdownReason() {
        return shutdownReason;
    }

    public void addEventListener(Consumer<Map<String, Object>> l) {
        eventListeners.add(l);
    }

    public void removeEventListener(Consumer<Map<String, Object>> l) {
        eventListeners.remove(l);
    }

    private void emit(String event, Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", event);
        if (data != null && !data.isEmpty()) {
            m.put("data", data);
        }
        m.put("timestamp_ms", System.currentTimeMillis());
        for (Consumer<Map<String, Object>> l : eventListeners) {
            l.accept(m);
        }
    }

    /** Builds the VM and starts the guest. */
    public synchronized void start() throws InterruptedException {
        if (Kvm.isPvm()) {
            log("warning: " + PVM_WARNING);
        }
        boot();
    }

    private void boot() throws InterruptedException {
        serial.reset();
        i8042.reset();
        sleep.reset();
        ged.reset();
        powerOffIsReboot = false;
        vm = new Vm(kvm, (long) config.memoryMib() << 20, config.vcpus(), kernel, initrd,
                config.cmdline() + virtio.cmdlineSuffix(), bus, this, virtio.acpiDevices());
        VmFd fd = vm.fd();
        virtio.attach(vm.memory(), fd::irqLine);
        serial.setIrq(level -> vm.fd().irqLine(4, level));
        i8042.setIrq(level -> vm.fd().irqLine(1, level));
        ged.setIrq(level -> vm.fd().irqLine(GenericEventDevice.GSI, level));
        vm.start();
        status = Status.RUNNING;
    }

    public synchronized void pause() throws InterruptedException {
        if (status != Status.RUNNING) {
            throw new IllegalStateException("guest is " + status.name().toLowerCase());
        }
        vm.pause();
        console.flush();
        status = Status.PAUSED;
        emit("STOP", null);
    }

    public synchronized void resume() throws InterruptedException {
        if (status != Status.PAUSED) {
            throw new IllegalStateException("guest is " + status.name().toLowerCase());
        }
        vm.resume();
        status = Status.RUNNING;
        emit("RESUME", null);
    }

    /** Host-initiated reset: a fresh boot in the same process; a paused guest stays... running. */
    public synchronized void reset(String why) throws InterruptedException {
        if (status == Status.SHUTDOWN) {
            throw new IllegalStateException("guest is shut down");
        }
        pastExits += totalExits();
        virtio.detach(); // device I/O stops before the guest's RAM is unmapped
        vm.close();
        vm = null;
        resets++;
        emit("RESET", Map.of("reason", why));
        boot();
    }

    /**
     * Asks the guest to stop. A guest whose ACPI driver listens on the Generic Event Device's interrupt
     * (it unmasked that IOAPIC pin) gets a power-button press and powers off through the sleep registers;
     * any other guest (no ACPI, {@code acpi=off}, not booted that far) gets Ctrl-Alt-Del on the i8042,
     * which a Linux guest answers by rebooting.
     */
    public synchronized void powerdown() {
        askGuestToStop(false);
    }

    /**
     * Asks the guest to restart. An ACPI guest gets the power button and its power-off becomes a guest
     * reset (what libvirt calls a fake reboot: the guest shuts down cleanly, then boots again, following
     * {@code --on-reboot}); any other guest gets Ctrl-Alt-Del, which a Linux guest answers by rebooting.
     */
    public synchronized void reboot() {
        askGuestToStop(true);
    }

    private void askGuestToStop(boolean reboot) {
        if (status != Status.RUNNING && status != Status.PAUSED) {
            throw new IllegalStateException("guest is " + status.name().toLowerCase());
        }
        boolean acpi = vm.fd().ioapicPinUnmasked(GenericEventDevice.GSI);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("via", acpi ? "acpi-power-button" : "ctrl-alt-del");
        if (reboot) {
            data.put("reboot", true);
        }
        emit("POWERDOWN", data);
        if (acpi) {
            powerOffIsReboot = reboot;
            ged.pressPowerButton();
        } else {
            i8042.ctrlAltDel();
        }
    }

    private void onGuestPowerOff() {
        if (powerOffIsReboot) {
            onGuestReset("ACPI power-off after a reboot request");
        } else {
            shutdown("guest-shutdown", 0);
        }
    }

    /** Ends the guest: vCPUs finished, KVM objects and RAM released. */
    public synchronized void shutdown(String reason, int code) {
        if (status == Status.SHUTDOWN) {
            return;
        }
        if (vm != null) {
            pastExits += totalExits();
            virtio.detach();
            vm.close();
            vm = null;
        }
        console.flush();
        shutdownReason = reason;
        exitCode = code;
        status = Status.SHUTDOWN;
        emit("SHUTDOWN", Map.of("reason", reason));
        controlQueue.add(() -> { });
        notifyAll();
    }

    private void onGuestReset(String how) {
        if (status == Status.SHUTDOWN) {
            return;
        }
        if (config.restartOnReboot()) {
            try {
                reset("guest-reset (" + how + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log("restart failed: " + e);
                shutdown("error", 3);
            }
        } else {
            shutdown("guest-reset", 0);
        }
    }

    @Override
    public void guestReset(int vcpu, String how) {
        controlQueue.add(() -> onGuestReset(how));
    }

    @Override
    public void guestShutdown(int vcpu, String how) {
        controlQueue.add(() -> shutdown("guest-shutdown", 0));
    }

    @Override
    public void vcpuError(int vcpu, String what) {
        log("vcpu " + vcpu + ": " + what);
        controlQueue.add(() -> shutdown("error", 3));
    }

    /** Runs control work (guest resets, errors) until the guest is shut down; returns the exit code. */
    public int awaitShutdown() throws InterruptedException {
        while (status != Status.SHUTDOWN) {
            controlQueue.take().run();
        }
        return exitCode;
    }

    /** Host-initiated end, from the monitor's quit or a signal. Safe from any thread. */
    public void quit() {
        controlQueue.add(() -> shutdown("host-quit", 0));
    }

    private long totalExits() {
        Vm v = vm;
        long n = 0;
        if (v != null) {
            for (Vcpu c : v.vcpus()) {
                n += c.exits();
            }
        }
        return n;
    }

    public synchronized Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> cpus = new ArrayList<>();
        long io = 0;
        if (vm != null) {
            for (Vcpu c : vm.vcpus()) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("id", c.id());
                v.put("state", c.state().name().toLowerCase());
                v.put("exits", c.exits());
                v.put("io_exits", c.ioExits());
                v.put("mmio_exits", c.mmioExits());
                v.put("kicks", c.interruptions());
                io += c.ioExits();
                cpus.add(v);
            }
        }
        m.put("status", status.name().toLowerCase());
        m.put("uptime_ms", (System.nanoTime() - startNanos) / 1_000_000);
        m.put("exits", pastExits + totalExits());
        m.put("io_exits", io);
        m.put("serial_tx_bytes", serial.txBytes());
        m.put("unclaimed_io", bus.unclaimedAccesses());
        m.put("resets", resets);
        m.put("memory_mib", config.memoryMib());
        m.put("rss_kib", rssKib());
        if (!virtio.devices().isEmpty()) {
            m.put("virtio", virtio.stats());
        }
        m.put("vcpus", cpus);
        return m;
    }

    static long rssKib() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux /proc: unknown
        }
        return -1;
    }

    @Override
    public void close() {
        shutdown(shutdownReason == null ? "host-quit" : shutdownReason, exitCode);
        virtio.close();
        kvm.close();
    }
}
