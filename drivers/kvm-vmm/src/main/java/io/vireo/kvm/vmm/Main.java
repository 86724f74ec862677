package io.vireo.kvm.vmm;

import io.vireo.kvm.vmm.api.VmConfig;
import io.vireo.kvm.vmm.devices.Console;
import io.vireo.kvm.vmm.monitor.Monitor;

/**
 * Entry point of one VMM process: {@code java -cp ... io.vireo.kvm.vmm.Main --kernel ... }.
 * Exit status: 0 when the guest reset/powered off (with --on-reboot exit) or on quit,
 * 2 on bad arguments, 3 on a guest or VMM error.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        StartTrace.mark("main");
        processDefaults();
        VmConfig cfg;
        try {
            cfg = VmConfig.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("vireo-vmm: " + e.getMessage());
            System.err.println(VmConfig.usage());
            System.exit(2);
            return;
        }
        System.exit(run(cfg));
    }

    /**
     * Settings for a process that is the VMM. The VMM binds only libc, which JNA opens as the running
     * process (dlopen(NULL)) without searching for it; an empty {@code jna.platform.library.path} keeps JNA
     * from building its search path by running {@code ldconfig -p} as a subprocess, a fork and exec
     * plus output parsing on the start path (1.3-1.6 s of a 15 s nested start, bench/RESULTS.md).
     */
    static void processDefaults() {
        if (System.getProperty("jna.platform.library.path") == null) {
            System.setProperty("jna.platform.library.path", "");
        }
        // JNA's start-up creates its libffi type descriptors (Structure subclasses) by reflection, one
        // constructor more often than Java 17's inflation threshold (15): the JDK then generates an accessor
        // class on the start path (bytecode assembly in interpreted code, 15 more classes loaded, and a
        // generated one no archive can hold). The VMM calls nothing reflectively after its start, so the
        // native accessors do. Read when the first accessor is made, in JNA's initialisation after this;
        // Java 18 and later ignore it (reflection there is built on method handles).
        if (System.getProperty("sun.reflect.inflationThreshold") == null) {
            System.setProperty("sun.reflect.inflationThreshold", "2147483647");
        }
    }

    public static int run(VmConfig cfg) throws Exception {
        StartTrace.mark("config");
        Console console = new Console();
        StartTrace.mark("console");
        Monitor[] monitor = {null};
        try (Vmm vmm = new Vmm(cfg, console)) {
            StartTrace.mark("vmm-ready");
            if (cfg.serialLog() != null) {
                console.addLog(cfg.serialLog());
            }
            console.open(cfg.console());
            if (console.ptyPath() != null) {
                Vmm.log("console on " + console.ptyPath());
            }
            if (cfg.monitorSocket() != null) {
                monitor[0] = new Monitor(vmm, cfg.monitorSocket());
            }
            // SIGTERM/SIGINT: end the guest and remove our sockets before the JVM goes.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                vmm.quit();
                if (monitor[0] != null) {
                    monitor[0].close();
                }
                console.close();
            }));
            StartTrace.mark("console-open");
            vmm.start();
            StartTrace.mark("started");
            return vmm.awaitShutdown();
        } catch (RuntimeException e) {
            Vmm.log("error: " + e.getMessage());
            return 3;
        } finally {
            if (monitor[0] != null) {
                monitor[0].close();
            }
            console.close();
        }
    }
}
