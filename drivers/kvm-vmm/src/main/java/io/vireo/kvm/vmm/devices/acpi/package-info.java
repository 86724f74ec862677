/**
 * The hardware-reduced ACPI platform registers the FADT and DSDT point at ({@link io.vireo.kvm.vmm.boot.Acpi}).
 *
 * <p>Each register block is one small port device on the {@link io.vireo.kvm.vmm.devices.Bus}:
 * <ul>
 * <li>{@link io.vireo.kvm.vmm.devices.acpi.SleepRegisters} (ports 0x600, 0x601): FADT SLEEP_CONTROL_REG and
 *     SLEEP_STATUS_REG. A write of SLP_EN with the DSDT's {@code \_S5} sleep type powers the guest off.</li>
 * <li>{@link io.vireo.kvm.vmm.devices.acpi.ResetRegister} (port 0x602): FADT RESET_REG; writing
 *     RESET_VALUE resets the guest (Linux's {@code reboot=a}).</li>
 * <li>{@link io.vireo.kvm.vmm.devices.acpi.GenericEventDevice} (port 0x603, GSI 23): the ACPI0013 Generic
 *     Event Device. The host latches an event and pulses the interrupt; the DSDT's {@code _EVT} method reads
 *     (and so clears) the event register and notifies the power button (PNP0C0C) with 0x80.</li>
 * </ul>
 * Written from the ACPI 6.x specification (4.8.3.7 sleep registers, 4.8.3.6 reset register, 5.6.9 GED).
 */
package io.vireo.kvm.vmm.devices.acpi;
