package io.vireo.kvm.vmm.vstate;

import com.sun.jna.Memory;
import io.vireo.kvm.vmm.StartTrace;
import io.vireo.kvm.vmm.boot.Acpi;
import io.vireo.kvm.vmm.boot.BzImage;
import io.vireo.kvm.vmm.boot.Layout;
import io.vireo.kvm.vmm.boot.LinuxLoader;
import io.vireo.kvm.vmm.devices.Bus;
import io.vireo.kvm.vmm.kvm.Kvm;
import io.vireo.kvm.vmm.kvm.KvmIoctls;
import io.vireo.kvm.vmm.kvm.VcpuFd;
import io.vireo.kvm.vmm.kvm.VmFd;
import io.vireo.kvm.vmm.memory.GuestMemory;

import java.util.ArrayList;
import java.util.List;

/**
 * One boot of a guest: the KVM VM (in-kernel irqchip and PIT), its RAM, the loaded kernel
 * and the vCPUs. A guest reset destroys this object and builds a new one; devices and the
 * bus outlive it.
 */
public final class Vm implements AutoCloseable {
    private final VmFd vmFd;
    private final GuestMemory memory;
    private final List<Vcpu> vcpus = new ArrayList<>();
    private final LinuxLoader.Loaded loaded;

    /** Creates the VM in the order KVM needs: TSS/identity map, irqchip, PIT, memory, then vCPUs. */
    public Vm(Kvm kvm, long memBytes, int nvcpus, BzImage kernel, byte[] initrd, String cmdline, Bus bus,
              VmEvents events, List<Acpi.MmioDevice> acpiDevices) {
        VmFd fd = kvm.createVm();
        GuestMemory mem = null;
        try {
            fd.setTssAddr(Layout.KVM_TSS);
            fd.setIdentityMapAddr(Layout.KVM_IDENTITY_MAP);
            fd.createIrqchip();
            fd.createPit2();
            StartTrace.mark("vm-irqchip-pit");
            mem = GuestMemory.allocate(memBytes);
            fd.setUserMemoryRegion(0, 0, memBytes, mem.host());
            StartTrace.mark("memory");
            loaded = LinuxLoader.load(mem, kernel, initrd, cmdline, nvcpus, acpiDevices);
            StartTrace.mark("kernel-loaded");
            Memory cpuid = kvm.supportedCpuid();
            int mmapSize = kvm.vcpuMmapSize();
            boolean tscDeadline = kvm.checkExtension(KvmIoctls.KVM_CAP_TSC_DEADLINE_TIMER) > 0;
            for (int i = 0; i < nvcpus; i++) {
                VcpuFd v = fd.createVcpu(i, mmapSize);
                vcpus.add(new Vcpu(v, bus, events));
                CpuSetup.setCpuid(v, cpuid, nvcpus, tscDeadline);
                CpuSetup.setMsrs(v);
                CpuSetup.setLapic(v);
                if (i == 0) {
                    CpuSetup.setBootSregs(v);
                    CpuSetup.setBootRegs(v, loaded.entry(), loaded.bootParams());
                    CpuSetup.setFpu(v);
                }
            }
            StartTrace.mark("vcpus-set-up");
        } catch (RuntimeException e) {
            vcpus.forEach(Vcpu::close);
            if (mem != null) {
                mem.close();
            }
            fd.close();
            throw e;
        }
        this.vmFd = fd;
        this.memory = mem;
    }

    public VmFd fd() {
        return vmFd;
    }

    public GuestMemory memory() {
        return memory;
    }

    public List<Vcpu> vcpus() {
        return vcpus;
    }

    public LinuxLoader.Loaded loaded() {
        return loaded;
    }

    /** Starts the vCPU threads (paused) and lets them run. */
    public void start() throws InterruptedException {
        for (Vcpu v : vcpus) {
            v.start("vcpu-" + v.id());
        }
        for (Vcpu v : vcpus) {
            v.awaitState(VcpuState.PAUSED, 5000);
        }
        resume();
    }

    public void pause() throws InterruptedException {
        broadcastAndWait(Vcpu.Message.PAUSE, VcpuState.PAUSED);
    }

    public void resume() throws InterruptedException {
        broadcastAndWait(Vcpu.Message.RESUME, VcpuState.RUNNING);
    }

    private void broadcastAndWait(Vcpu.Message m, VcpuState s) throws InterruptedException {
        for (Vcpu v : vcpus) {
            v.send(m);
        }
        for (Vcpu v : vcpus) {
            if (!v.awaitState(s, 5000) && v.state() != VcpuState.FINISHED) {
                throw new IllegalStateException("vcpu " + v.id() + " did not reach " + s);
            }
        }
    }

    /** Ends the vCPU threads and releases every KVM object and the guest RAM. */
    @Override
    public void close() {
        for (Vcpu v : vcpus) {
            v.send(Vcpu.Message.FINISH);
        }
        boolean allDone = true;
        for (Vcpu v : vcpus) {
            try {
                v.awaitState(VcpuState.FINISHED, 5000);
                v.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            allDone &= v.state() == VcpuState.FINISHED;
        }
        if (!allDone) {
            return; // a thread is stuck in KVM_RUN: leaking its fds beats unmapping memory under it
        }
        vcpus.forEach(Vcpu::close);
        vmFd.close();
        memory.close();
    }
}
