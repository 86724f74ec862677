package io.vireo.kvm.vmm.kvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Kvm#isPvm(Path, String)} on made-up /sys/module trees and cpuinfo flag lines. */
class PvmDetectionTest {
    static final String NO_VIRT = "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu vme sse2 hypervisor lahf_lm\n";
    static final String VMX = "processor\t: 0\nflags\t\t: fpu vme vmx sse2 ept\n";
    static final String SVM = "processor\t: 0\nflags\t\t: fpu sse2 svm npt\n";

    static Path modules(Path dir, String... names) throws IOException {
        for (String n : names) {
            Files.createDirectories(dir.resolve(n));
        }
        return dir;
    }

    @Test
    void pvmModuleWithoutHardwareModuleIsPvm(@TempDir Path d) throws IOException {
        assertTrue(Kvm.isPvm(modules(d, "kvm", "kvm_pvm"), NO_VIRT));
        // The module decides even where cpuinfo is unreadable or shows VMX (PVM inside a VT-x guest).
        assertTrue(Kvm.isPvm(d, ""));
        assertTrue(Kvm.isPvm(d, VMX));
    }

    @Test
    void hardwareModulesAreNotPvm(@TempDir Path d) throws IOException {
        assertFalse(Kvm.isPvm(modules(d, "kvm", "kvm_intel"), VMX));
        assertFalse(Kvm.isPvm(modules(d.resolve("amd"), "kvm", "kvm_amd"), SVM));
        // kvm_pvm loaded beside a hardware module on a VT-x host: /dev/kvm is the hardware one.
        assertFalse(Kvm.isPvm(modules(d.resolve("both"), "kvm", "kvm_intel", "kvm_pvm"), VMX));
    }

    @Test
    void kvmOnACpuWithoutVmxOrSvmIsSoftware(@TempDir Path d) throws IOException {
        assertTrue(Kvm.isPvm(modules(d, "kvm"), NO_VIRT));
        assertFalse(Kvm.isPvm(d, SVM), "nested L1 under QEMU TCG: emulated SVM is hardware to it");
    }

    @Test
    void noKvmAtAllIsNotPvm(@TempDir Path d) {
        assertFalse(Kvm.isPvm(d, NO_VIRT));
        assertFalse(Kvm.isPvm(d, ""));
    }
}
