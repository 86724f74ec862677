package io.vireo.kvm.vmm.vstate;

/** The life of a vCPU thread. Transitions happen only on the vCPU's own thread, driven by messages. */
public enum VcpuState {
    /** Thread started, not yet entered the guest. */
    CREATED,
    /** Looping in KVM_RUN. */
    RUNNING,
    /** Out of KVM_RUN, waiting for a message. */
    PAUSED,
    /** Thread ended; the vCPU will not run again. */
    FINISHED
}
