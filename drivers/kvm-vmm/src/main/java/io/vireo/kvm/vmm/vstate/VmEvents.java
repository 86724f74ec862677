package io.vireo.kvm.vmm.vstate;

/** What vCPUs report to the VM's controller. Implementations must not block. */
public interface VmEvents {
    /** The guest asked for a reset (i8042 pulse, triple fault, PSCI-like system event). */
    void guestReset(int vcpu, String how);

    /** The guest powered off. */
    void guestShutdown(int vcpu, String how);

    /** KVM reported something the VMM cannot continue from. */
    void vcpuError(int vcpu, String what);
}
