/**
 * virtio devices for Vireo's VMM, on the virtio-mmio transport (virtio 1.x, register layout version 2).
 *
 * <p>Design, in the VMM's one-job-per-class style:
 * <ul>
 * <li>{@link io.vireo.kvm.vmm.devices.virtio.VirtioMmio} is the transport: one 0x200-byte register block
 *     mapped on the {@link io.vireo.kvm.vmm.devices.Bus} at a fixed window per device
 *     ({@link io.vireo.kvm.vmm.devices.virtio.MmioDevices#BASE} + n * 0x1000) with one interrupt line (GSI).
 *     It owns feature negotiation, the status machine (incl. DEVICE_NEEDS_RESET) and the queue registers,
 *     and knows nothing about what a device does.</li>
 * <li>A {@link io.vireo.kvm.vmm.devices.virtio.VirtioDevice} (blk, rng, ...; each in its own sub-package)
 *     sees only a {@link io.vireo.kvm.vmm.devices.virtio.DeviceContext}: guest memory, its queues, "used
 *     buffers are ready" and "I am broken". A device may do its work on its own thread; it must stop
 *     touching guest memory before {@code reset()} returns, because a guest reset unmaps guest RAM.</li>
 * <li>{@link io.vireo.kvm.vmm.devices.virtio.Virtqueue} is a split virtqueue. Every address and length the
 *     guest supplies (rings, descriptors, indirect tables) is checked against guest RAM before use; a chain
 *     longer than the queue (or than its indirect table) is treated as a loop; readable descriptors must
 *     precede writable ones; a chain may carry at most 4 GiB - 1. Any violation throws
 *     {@link io.vireo.kvm.vmm.devices.virtio.VirtioError}, which the transport turns into
 *     DEVICE_NEEDS_RESET + a configuration-change interrupt + one log line; the VMM keeps running.</li>
 * <li>Interrupts: the interrupt-status register drives the line level (high while any ISR bit is set),
 *     through {@link io.vireo.kvm.vmm.devices.IrqLine}, i.e. KVM_IRQ_LINE, only on level changes.</li>
 * <li>The guest finds the devices two ways: {@code virtio_mmio.device=SIZE@BASE:IRQ} words appended to the
 *     kernel command line (as QEMU microvm with acpi=off does; simple guests such as the probe), and ACPI
 *     tables ({@link io.vireo.kvm.vmm.boot.Acpi}: hardware-reduced FADT, MADT, DSDT with one LNRO0005 device
 *     each), which distribution kernels need: Debian's virtio_mmio is built without command-line devices.
 *     ACPI tables are written for every guest (they also carry power-off, reset and the power button).</li>
 * </ul>
 * Written from the virtio 1.x specification (OASIS), sections 2 (basic facilities), 4.2 (MMIO) and 5.2/5.4
 * (block, entropy); no code copied from other VMMs.
 */
package io.vireo.kvm.vmm.devices.virtio;
