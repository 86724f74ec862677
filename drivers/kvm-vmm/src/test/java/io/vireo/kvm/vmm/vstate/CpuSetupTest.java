package io.vireo.kvm.vmm.vstate;

import com.sun.jna.Memory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CPUID fix-ups on a hand-made struct kvm_cpuid2. */
class CpuSetupTest {
    /** Entries {function, index, eax, ebx, ecx, edx}. */
    static Memory cpuid(int[]... entries) {
        Memory m = new Memory(8 + 40L * entries.length);
        m.clear();
        m.setInt(0, entries.length);
        for (int i = 0; i < entries.length; i++) {
            long e = 8 + 40L * i;
            m.setInt(e, entries[i][0]);
            m.setInt(e + 4, entries[i][1]);
            for (int r = 0; r < 4; r++) {
                m.setInt(e + 12 + 4L * r, entries[i][2 + r]);
            }
        }
        return m;
    }

    static int reg(Memory m, int entry, int r) {
        return m.getInt(8 + 40L * entry + 12 + 4L * r);
    }

    @Test
    void leafOneGetsTopologyHypervisorAndTscDeadline() {
        Memory m = cpuid(new int[] {0, 0, 0xd, 0x68747541, 0x444d4163, 0x69746e65},
                new int[] {1, 0, 0xf61, 0x12345678, 0x00000001, 0x10000000 | 0x1});
        CpuSetup.fixCpuid(m, 1, 2, true);
        assertEquals(0x01020878, reg(m, 1, 1), "APIC id 1, 2 logical CPUs, CLFLUSH 8, brand index kept");
        assertEquals(0x81000001, reg(m, 1, 2), "hypervisor + TSC-deadline, SSE3 kept");
        assertEquals(0x10000001, reg(m, 1, 3), "HTT with more than one vCPU");
    }

    @Test
    void tscDeadlineOnlyWhenKvmEmulatesIt() {
        Memory m = cpuid(new int[] {1, 0, 0xf61, 0, 0x01000000, 0x10000000});
        CpuSetup.fixCpuid(m, 0, 1, false);
        assertEquals(0x80000000, reg(m, 0, 2), "a bit 24 from the host does not stay without KVM_CAP_TSC_DEADLINE_TIMER");
        assertEquals(0, reg(m, 0, 3), "no HTT with one vCPU");
    }
}
