package io.vireo.kvm.vmm.vstate;

import com.sun.jna.Memory;
import io.vireo.kvm.vmm.boot.Gdt;
import io.vireo.kvm.vmm.boot.Layout;
import io.vireo.kvm.vmm.kvm.KvmIoctls;
import io.vireo.kvm.vmm.kvm.VcpuFd;

/**
 * Per-vCPU setup before the first KVM_RUN: CPUID (host-supported leaves with topology
 * fix-ups), a few MSRs, LAPIC LINT0/LINT1, and for the BSP the 64-bit boot-protocol state.
 * APs get no registers: they wait in the in-kernel LAPIC for the guest's INIT/SIPI.
 */
public final class CpuSetup {
    private CpuSetup() {
    }

    static final int CPUID_ENTRY = 40;
    static final int AMD_EBX = 0x68747541; // "Auth"

    /**
     * Adjusts a copy of the supported CPUID (struct kvm_cpuid2) for vCPU {@code id} of {@code count}.
     * {@code tscDeadline}: KVM's in-kernel LAPIC emulates the TSC-deadline timer (KVM_CAP_TSC_DEADLINE_TIMER)
     * but KVM_GET_SUPPORTED_CPUID does not list it; advertised, Linux programs the LAPIC timer by TSC
     * deadline and skips calibrating it against the PIT (a busy wait for timer ticks, which fails its
     * own verification when ticks arrive late, as they do nested, and then leaves the LAPIC timer off).
     */
    public static void fixCpuid(Memory cpuid, int id, int count, boolean tscDeadline) {
        int n = cpuid.getInt(0);
        boolean amd = false;
        for (int i = 0; i < n; i++) {
            long e = 8L + (long) CPUID_ENTRY * i;
            if (cpuid.getInt(e) == 0 && cpuid.getInt(e + 16) == AMD_EBX) {
                amd = true;
            }
        }
        for (int i = 0; i < n; i++) {
            long e = 8L + (long) CPUID_ENTRY * i;
            int fn = cpuid.getInt(e);
            switch (fn) {
                case 1: {
                    int ebx = cpuid.getInt(e + 16) & 0xff;
                    ebx |= 8 << 8;                   // CLFLUSH line: 64 bytes
                    ebx |= (count & 0xff) << 16;     // logical processors
                    ebx |= (id & 0xff) << 24;        // initial APIC id
                    cpuid.setInt(e + 16, ebx);
                    int ecx = cpuid.getInt(e + 20) | (1 << 31); // hypervisor present
                    cpuid.setInt(e + 20, tscDeadline ? ecx | (1 << 24) : ecx & ~(1 << 24));
                    int edx = cpuid.getInt(e + 24);
                    cpuid.setInt(e + 24, count > 1 ? edx | (1 << 28) : edx & ~(1 << 28));
                    break;
                }
                case 6:
                    cpuid.setInt(e + 20, cpuid.getInt(e + 20) & ~(1 << 3)); // no energy-perf bias MSR
                    break;
                case 0xa:
                    for (int r = 12; r <= 24; r += 4) {
                        cpuid.setInt(e + r, 0); // no architectural PMU
                    }
                    break;
                case 0xb:
                case 0x1f:
                    cpuid.setInt(e + 24, id); // x2APIC id
                    break;
                case 0x80000008:
                    if (amd) {
                        cpuid.setInt(e + 20, (cpuid.getInt(e + 20) & ~0xff) | ((count - 1) & 0xff));
                    }
                    break;
                case 0x8000001e:
                    if (amd) {
                        cpuid.setInt(e + 12, id);
                    }
                    break;
                default:
                    break;
            }
        }
    }

    public static void setCpuid(VcpuFd vcpu, Memory supported, int count, boolean tscDeadline) {
        Memory copy = new Memory(supported.size());
        copy.write(0, supported.getByteArray(0, (int) supported.size()), 0, (int) supported.size());
        fixCpuid(copy, vcpu.id(), count, tscDeadline);
        vcpu.set(KvmIoctls.KVM_SET_CPUID2, copy, "KVM_SET_CPUID2");
    }

    public static void setMsrs(VcpuFd vcpu) {
        long[][] msrs = {
            {0x1a0, 1},      // IA32_MISC_ENABLE: fast strings
            {0x2ff, 0x806},  // MTRRdefType: MTRRs on, default write-back
        };
        Memory m = new Memory(8 + 16L * msrs.length);
        m.clear();
        m.setInt(0, msrs.length);
        for (int i = 0; i < msrs.length; i++) {
            m.setInt(8 + 16L * i, (int) msrs[i][0]);
            m.setLong(8 + 16L * i + 8, msrs[i][1]);
        }
        vcpu.set(KvmIoctls.KVM_SET_MSRS, m, "KVM_SET_MSRS");
    }

    /** LINT0 = ExtINT (the PIC's output), LINT1 = NMI, as a PC's firmware leaves them. */
    public static void setLapic(VcpuFd vcpu) {
        Memory lapic = vcpu.get(KvmIoctls.KVM_GET_LAPIC, 1024, "KVM_GET_LAPIC");
        int lvt0 = lapic.getInt(0x350);
        lapic.setInt(0x350, (lvt0 & ~0x1_0700) | (7 << 8));
        int lvt1 = lapic.getInt(0x360);
        lapic.setInt(0x360, (lvt1 & ~0x1_0700) | (4 << 8));
        vcpu.set(KvmIoctls.KVM_SET_LAPIC, lapic, "KVM_SET_LAPIC");
    }

    // struct kvm_segment field offsets
    private static void segment(Memory s, long at, long base, int limit, int selector, int type, int db, int sys, int l) {
        s.setLong(at, base);
        s.setInt(at + 8, limit);
        s.setShort(at + 12, (short) selector);
        s.setByte(at + 14, (byte) type);
        s.setByte(at + 15, (byte) 1);   // present
        s.setByte(at + 16, (byte) 0);   // dpl
        s.setByte(at + 17, (byte) db);
        s.setByte(at + 18, (byte) sys);
        s.setByte(at + 19, (byte) l);
        s.setByte(at + 20, (byte) 1);   // granularity
        s.setByte(at + 21, (byte) 0);
        s.setByte(at + 22, (byte) 0);   // usable
    }

    static final int SREGS_CS = 0;
    static final int SREGS_DS = 24;
    static final int SREGS_ES = 48;
    static final int SREGS_FS = 72;
    static final int SREGS_GS = 96;
    static final int SREGS_SS = 120;
    static final int SREGS_TR = 144;
    static final int SREGS_GDT = 192;
    static final int SREGS_IDT = 208;
    static final int SREGS_CR0 = 224;
    static final int SREGS_CR3 = 240;
    static final int SREGS_CR4 = 248;
    static final int SREGS_EFER = 264;

    /** Long mode, paging on our identity map, flat segments from the boot GDT. */
    public static void setBootSregs(VcpuFd vcpu) {
        Memory s = vcpu.get(KvmIoctls.KVM_GET_SREGS, 312, "KVM_GET_SREGS");
        segment(s, SREGS_CS, 0, 0xfffff, Layout.SEL_CODE, 0xb, 0, 1, 1);
        for (int seg : new int[] {SREGS_DS, SREGS_ES, SREGS_FS, SREGS_GS, SREGS_SS}) {
            segment(s, seg, 0, 0xfffff, Layout.SEL_DATA, 0x3, 1, 1, 0);
        }
        segment(s, SREGS_TR, 0, 0xfffff, Layout.SEL_TSS, 0xb, 0, 0, 0);
        s.setLong(SREGS_GDT, Layout.GDT);
        s.setShort(SREGS_GDT + 8, (short) Gdt.limit());
        s.setLong(SREGS_IDT, Layout.IDT);
        s.setShort(SREGS_IDT + 8, (short) 7);
        s.setLong(SREGS_CR0, 0x80000011L);   // PG | ET | PE
        s.setLong(SREGS_CR3, Layout.PML4);
        s.setLong(SREGS_CR4, 0x20);          // PAE
        s.setLong(SREGS_EFER, 0x500);        // LME | LMA
        vcpu.set(KvmIoctls.KVM_SET_SREGS, s, "KVM_SET_SREGS");
    }

    /** RIP at the 64-bit entry, RSI = boot_params, interrupts off. */
    public static void setBootRegs(VcpuFd vcpu, long entry, long bootParams) {
        Memory r = new Memory(144);
        r.clear();
        r.setLong(4 * 8, bootParams);          // rsi
        r.setLong(6 * 8, Layout.BOOT_STACK);   // rsp
        r.setLong(7 * 8, Layout.BOOT_STACK);   // rbp
        r.setLong(16 * 8, entry);              // rip
        r.setLong(17 * 8, 0x2);                // rflags
        vcpu.set(KvmIoctls.KVM_SET_REGS, r, "KVM_SET_REGS");
    }

    public static void setFpu(VcpuFd vcpu) {
        Memory f = new Memory(416);
        f.clear();
        f.setShort(128, (short) 0x37f);
        f.setInt(408, 0x1f80);
        vcpu.set(KvmIoctls.KVM_SET_FPU, f, "KVM_SET_FPU");
    }

    /** RIP of a vCPU, for error reports. */
    public static long rip(VcpuFd vcpu) {
        return vcpu.get(KvmIoctls.KVM_GET_REGS, 144, "KVM_GET_REGS").getLong(16 * 8);
    }
}
