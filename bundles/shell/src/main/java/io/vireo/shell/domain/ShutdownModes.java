package io.vireo.shell.domain;

import io.vireo.shell.support.VirtAction;

/** The {@code --mode} list of shutdown and reboot, turned into libvirt's flag bits as virsh does. */
final class ShutdownModes {
    // virDomainShutdownFlagValues and virDomainRebootFlagValues share these values.
    static final int ACPI_POWER_BTN = 1;
    static final int GUEST_AGENT = 2;
    static final int INITCTL = 4;
    static final int SIGNAL = 8;
    static final int PARAVIRT = 16;

    private ShutdownModes() {
    }

    /** Flags for a comma-separated list such as {@code acpi,agent}; none for a null list. */
    static int parse(String modes) {
        if (modes == null) {
            return 0;
        }
        int flags = 0;
        for (String mode : modes.split(",", -1)) {
            flags |= switch (mode) {
                case "acpi" -> ACPI_POWER_BTN;
                case "agent" -> GUEST_AGENT;
                case "initctl" -> INITCTL;
                case "signal" -> SIGNAL;
                case "paravirt" -> PARAVIRT;
                default -> throw VirtAction.CommandFailure.of("Unknown mode " + mode
                        + " value, expecting 'acpi', 'agent', 'initctl', 'signal', or 'paravirt'");
            };
        }
        return flags;
    }
}
