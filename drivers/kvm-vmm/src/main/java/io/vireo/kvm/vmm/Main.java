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
