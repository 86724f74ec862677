package io.vireo.driver.qemu.argv;

import io.vireo.xml.domain.ClockDef;
import io.vireo.xml.domain.CpuDef;
import io.vireo.xml.domain.CpuFeatureDef;
import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.FeatureDef;
import io.vireo.xml.domain.OsDef;
import io.vireo.xml.domain.TimerDef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The qemu-system-x86_64 command line for a domain: a pure function of the definition and the
 * {@link QemuLaunch} facts, with no I/O, so the same inputs always give the same argv (the tests compare it
 * line by line). What it cannot express faithfully it refuses with {@code CONFIG_UNSUPPORTED} naming the
 * element, rather than start a guest other than the one described.
 *
 * <p>Choices, in libvirt's spirit:
 * <ul>
 *   <li>{@code -S} always: the driver connects QMP, finishes setup (passwords, link states, balloon period)
 *       and then sends {@code cont}, or leaves the guest paused. {@code -no-shutdown} always: a guest
 *       poweroff stops the guest but not QEMU, so the driver sees the SHUTDOWN event and decides;
 *       {@code -no-reboot} when on_reboot is destroy.</li>
 *   <li>{@code -no-user-config -nodefaults}: only the devices the XML lists (plus libvirt's implicit ones:
 *       PS/2 input, a virtio balloon unless model none, VGA for a VNC display without video).</li>
 *   <li>CPU under KVM: {@code host,-arch-capabilities} for no {@code <cpu>}, host-passthrough and host-model
 *       (host-model is not expanded to a named model here: the guest gets the host CPU; the
 *       arch-capabilities MSR is hidden because nested KVM on our hosts cannot emulate it faithfully).
 *       Under TCG: {@code max} for no {@code <cpu>}, host-model and maximum, the best QEMU can emulate;
 *       host-passthrough is refused, as in libvirt. A custom {@code <model>} is passed as named, and
 *       {@code <feature>} policies become {@code +name}/{@code -name}.</li>
 *   <li>Memory is {@code -m size=<KiB>k}, the {@code <memory>} maximum; the balloon target
 *       ({@code <currentMemory>}) is set over QMP.</li>
 *   <li>Without {@code <features><acpi/>} the machine gets {@code acpi=off}, as libvirt does.</li>
 *   <li>PCI addresses in the XML are not passed on: QEMU assigns slots in argv order, which is stable for a
 *       given XML. Ids follow {@link QemuIds}.</li>
 * </ul>
 *
 * Host-side tuning (cputune, numatune placement, blkiotune, memtune, seclabel, interface bandwidth and
 * filters) is the driver's business, not the argv's, and is not looked at here.
 */
public final class QemuCommandLine {
    /** Top-level elements that would change the guest and that this builder cannot express. */
    private static final Set<String> TOP_LEVEL_REFUSED = Set.of("memoryBacking", "sysinfo", "iothreads",
            "launchSecurity", "qemu:commandline");
    private static final Pattern CPU_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Map<String, String> BOOT_DEVICES = Map.of("hd", "c", "cdrom", "d", "network", "n", "fd", "a");

    private QemuCommandLine() {
    }

    public static List<String> build(DomainDef def, QemuLaunch launch) {
        boolean kvm = accel(def, launch);
        OsDef os = def.os();
        Ctx ctx = new Ctx(def, launch, isQ35(machine(os)), kvm);
        ctx.add(launch.binary());
        ctx.add("-name", Opts.empty().add("guest", def.getName()).add("debug-threads", "on"));
        ctx.add("-S");
        ctx.add("-machine", machineOpts(ctx));
        ctx.add("-cpu", cpu(ctx));
        firmware(ctx, os);
        memory(ctx);
        ctx.add("-smp", smp(def));
        ctx.add("-uuid", def.getUuid());
        ctx.add("-no-user-config");
        ctx.add("-nodefaults");
        ctx.add("-chardev", Opts.of("socket").add("id", ctx.claim(QemuIds.MONITOR_CHARDEV, "monitor"))
                .add("path", launch.monitorSocket()).add("server", "on").add("wait", "off"));
        ctx.add("-mon", Opts.empty().add("chardev", QemuIds.MONITOR_CHARDEV).add("id", "monitor")
                .add("mode", "control"));
        clock(ctx);
        ctx.add("-no-shutdown");
        if ("destroy".equals(def.getOnReboot())) {
            ctx.add("-no-reboot");
        }
        boot(ctx, os);
        refuseUnmodelled(def);
        DeviceArgs.controllers(ctx);
        for (DiskDef d : def.getDisks()) {
            DiskArgs.add(ctx, d);
        }
        DeviceArgs.interfaces(ctx);
        DeviceArgs.serials(ctx);
        DeviceArgs.channels(ctx);
        DeviceArgs.inputs(ctx);
        DeviceArgs.graphics(ctx);
        DeviceArgs.video(ctx);
        DeviceArgs.memballoon(ctx);
        DeviceArgs.rngs(ctx);
        return List.copyOf(ctx.args);
    }

    /** kvm for {@code type='kvm'} (the host must have it), tcg for {@code type='qemu'}; other types are not ours. */
    private static boolean accel(DomainDef def, QemuLaunch launch) {
        String type = def.getType();
        if ("kvm".equals(type)) {
            if (!launch.kvm()) {
                throw Refuse.unsupported("emulator '%s' cannot run <domain type='kvm'> here: KVM is not usable on "
                        + "this host", launch.binary());
            }
            return true;
        }
        if (!"qemu".equals(type)) {
            throw Refuse.unsupported("<domain type='%s'> is not supported by the QEMU driver: only qemu and kvm", type);
        }
        return false;
    }

    private static String machine(OsDef os) {
        if (!"hvm".equals(os.getType())) {
            throw Refuse.unsupported("<os><type>%s</type> is not supported: only hvm", os.getType());
        }
        if (os.getArch() != null && !"x86_64".equals(os.getArch())) {
            throw Refuse.unsupported("<os><type arch='%s'> is not supported: only x86_64", os.getArch());
        }
        String machine = os.getMachine() == null ? "pc" : os.getMachine();
        if (!machine.equals("pc") && !machine.startsWith("pc-i440fx-") && !isQ35(machine)) {
            throw Refuse.unsupported("<os><type machine='%s'> is not supported: only pc and q35 (and their "
                    + "versioned names)", machine);
        }
        return machine;
    }

    private static boolean isQ35(String machine) {
        return machine.equals("q35") || machine.startsWith("pc-q35-");
    }

    /** Machine type, accelerator, and the {@code <features>} that are machine properties. */
    private static Opts machineOpts(Ctx ctx) {
        DomainDef def = ctx.def;
        Opts o = Opts.of(machine(def.os())).add("accel", ctx.kvm ? "kvm" : "tcg");
        List<FeatureDef> features = def.getFeatures() == null ? List.of() : def.getFeatures();
        if (!def.hasFeature("acpi")) {
            o.add("acpi", "off");
        }
        for (TimerDef t : timers(def)) {
            if ("hpet".equals(t.getName()) && t.getPresent() != null) {
                o.add("hpet", Opts.onOff(t.getPresent()));
            }
        }
        for (FeatureDef f : features) {
            switch (f.getName()) {
                case "acpi", "apic", "pae" -> {
                    // acpi handled above; the APIC and PAE are always there on x86_64
                }
                case "vmport", "smm" -> {
                    String state = f.getAttributes().get("state");
                    if (!"on".equals(state) && !"off".equals(state) || f.getInnerXml() != null) {
                        throw Refuse.unsupported("<features><%s state='%s'> is not supported: only on or off",
                                f.getName(), state);
                    }
                    o.add(f.getName(), state);
                }
                default -> throw Refuse.unsupported("<features><%s> is not supported", f.getName());
            }
        }
        return o;
    }

    private static String cpu(Ctx ctx) {
        CpuDef cpu = ctx.def.getCpu();
        String mode = cpu == null ? null : cpu.getMode();
        String model = cpu == null ? null : cpu.getModel();
        if (mode == null) {
            mode = model != null ? "custom" : null;
        }
        if (cpu != null && !cpu.getExtraXml().isEmpty()) {
            throw Refuse.unsupported("<%s> inside <cpu> is not supported", Refuse.elementName(cpu.getExtraXml().get(0)));
        }
        Opts o;
        boolean hostLike = false;
        if (mode == null) {
            hostLike = ctx.kvm;
            o = Opts.of(ctx.kvm ? "host" : "max");
        } else {
            switch (mode) {
                case "host-passthrough" -> {
                    if (!ctx.kvm) {
                        throw Refuse.unsupported("<cpu mode='host-passthrough'> needs <domain type='kvm'>: TCG cannot "
                                + "pass the host CPU through");
                    }
                    hostLike = true;
                    o = Opts.of("host");
                }
                case "host-model" -> {
                    hostLike = ctx.kvm;
                    o = Opts.of(ctx.kvm ? "host" : "max");
                }
                case "maximum" -> {
                    hostLike = ctx.kvm;
                    o = Opts.of("max");
                }
                case "custom" -> {
                    if (model == null) {
                        throw Refuse.unsupported("<cpu mode='custom'> needs a <model>");
                    }
                    if (!CPU_NAME.matcher(model).matches()) {
                        throw Refuse.unsupported("<cpu><model>%s</model> is not a CPU model name", model);
                    }
                    o = Opts.of(model);
                }
                default -> throw Refuse.unsupported("<cpu mode='%s'> is not supported", mode);
            }
        }
        List<CpuFeatureDef> features = cpu == null ? List.of() : cpu.getFeatures();
        if (hostLike && features.stream().noneMatch(f -> "arch-capabilities".equals(f.getName()))) {
            o.item("-arch-capabilities");
        }
        for (CpuFeatureDef f : features) {
            if (!CPU_NAME.matcher(f.getName()).matches()) {
                throw Refuse.unsupported("<cpu><feature name='%s'> is not a CPU feature name", f.getName());
            }
            String policy = f.getPolicy() == null ? "require" : f.getPolicy();
            switch (policy) {
                case "require", "force", "optional" -> o.item("+" + f.getName());
                case "disable", "forbid" -> o.item("-" + f.getName());
                default -> throw Refuse.unsupported("<cpu><feature policy='%s'> is not supported", policy);
            }
        }
        return o.toString();
    }

    /** A ROM loader becomes {@code -bios}; UEFI (pflash, NVRAM, firmware autoselection) is not supported yet. */
    private static void firmware(Ctx ctx, OsDef os) {
        if (os.getFirmware() != null) {
            throw Refuse.unsupported("<os firmware='%s'> is not supported: name a <loader> instead", os.getFirmware());
        }
        if (os.getNvram() != null || os.getNvramTemplate() != null) {
            throw Refuse.unsupported("<os><nvram> is not supported");
        }
        if (os.getLoaderType() != null && !"rom".equals(os.getLoaderType())) {
            throw Refuse.unsupported("<os><loader type='%s'> is not supported: only rom", os.getLoaderType());
        }
        if (os.getDtb() != null) {
            throw Refuse.unsupported("<os><dtb> is not supported on x86_64");
        }
        if (!os.getExtraXml().isEmpty()) {
            throw Refuse.unsupported("<os><%s> is not supported", Refuse.elementName(os.getExtraXml().get(0)));
        }
        if (os.getLoader() != null) {
            ctx.add("-bios", os.getLoader());
        }
    }

    private static void memory(Ctx ctx) {
        DomainDef def = ctx.def;
        Opts o = Opts.empty().add("size", def.getMemoryKiB() + "k");
        if (def.getMaxMemoryKiB() != null) {
            if (def.getMaxMemorySlots() == null) {
                throw Refuse.unsupported("<maxMemory> needs a slots attribute");
            }
            o.add("slots", def.getMaxMemorySlots()).add("maxmem", def.getMaxMemoryKiB() + "k");
        }
        ctx.add("-m", o);
    }

    /** vCPUs online, the maximum when it differs (for hotplug), and the topology when the XML gives one. */
    private static String smp(DomainDef def) {
        Opts o = Opts.of(String.valueOf(def.getVcpus()));
        if (def.getMaxVcpus() != def.getVcpus()) {
            o.add("maxcpus", def.getMaxVcpus());
        }
        CpuDef cpu = def.getCpu();
        if (cpu != null && (cpu.getSockets() != null || cpu.getDies() != null || cpu.getCores() != null
                || cpu.getThreads() != null)) {
            int sockets = orOne(cpu.getSockets());
            int dies = orOne(cpu.getDies());
            int cores = orOne(cpu.getCores());
            int threads = orOne(cpu.getThreads());
            if ((long) sockets * dies * cores * threads != def.getMaxVcpus()) {
                throw Refuse.unsupported("<cpu><topology> gives %d vCPUs (sockets*dies*cores*threads) but <vcpu> "
                        + "is %d: they must match", sockets * dies * cores * threads, def.getMaxVcpus());
            }
            o.add("sockets", sockets).add("dies", cpu.getDies()).add("cores", cores).add("threads", threads);
        }
        return o.toString();
    }

    private static int orOne(Integer v) {
        return v == null ? 1 : v;
    }

    /**
     * {@code -rtc base=utc|localtime}; the rtc catchup policy is QEMU's driftfix=slew; the PIT policy exists
     * only for the in-kernel PIT (KVM), and delay is what TCG's PIT does anyway. The HPET switch is a machine
     * property ({@link #machineOpts}). Offsets that need the current time (variable, absolute) or a host
     * time zone are not supported yet.
     */
    private static void clock(Ctx ctx) {
        ClockDef clock = ctx.def.getClock() == null ? new ClockDef() : ctx.def.getClock();
        String offset = clock.getOffset() == null ? "utc" : clock.getOffset();
        if (!"utc".equals(offset) && !"localtime".equals(offset)) {
            throw Refuse.unsupported("<clock offset='%s'> is not supported: only utc and localtime", offset);
        }
        if (clock.getAdjustment() != null && !"reset".equals(clock.getAdjustment())) {
            throw Refuse.unsupported("<clock adjustment='%s'> is not supported", clock.getAdjustment());
        }
        Opts rtc = Opts.empty().add("base", offset);
        String pitPolicy = null;
        for (TimerDef t : timers(ctx.def)) {
            String name = t.getName();
            if (t.getTrack() != null || t.getFrequency() != null || t.getMode() != null) {
                throw Refuse.unsupported("<timer name='%s'> with track, frequency or mode is not supported", name);
            }
            switch (name) {
                case "rtc" -> {
                    refuseAbsent(t);
                    String p = t.getTickpolicy();
                    if ("catchup".equals(p)) {
                        rtc.add("driftfix", "slew");
                    } else if (p != null && !"delay".equals(p)) {
                        throw Refuse.unsupported("<timer name='rtc' tickpolicy='%s'> is not supported: only catchup "
                                + "and delay", p);
                    }
                }
                case "pit" -> {
                    refuseAbsent(t);
                    String p = t.getTickpolicy();
                    if (p != null && !"delay".equals(p) && !"discard".equals(p)) {
                        throw Refuse.unsupported("<timer name='pit' tickpolicy='%s'> is not supported: only delay "
                                + "and discard", p);
                    }
                    if ("discard".equals(p) && !ctx.kvm) {
                        throw Refuse.unsupported("<timer name='pit' tickpolicy='discard'> needs <domain type='kvm'>");
                    }
                    pitPolicy = p;
                }
                case "hpet" -> {
                    if (t.getTickpolicy() != null) {
                        throw Refuse.unsupported("<timer name='hpet' tickpolicy='%s'> is not supported",
                                t.getTickpolicy());
                    }
                }
                default -> throw Refuse.unsupported("<timer name='%s'> is not supported: only rtc, pit and hpet", name);
            }
        }
        ctx.add("-rtc", rtc);
        if (pitPolicy != null && ctx.kvm) {
            ctx.add("-global", "kvm-pit.lost_tick_policy=" + pitPolicy);
        }
    }

    private static void refuseAbsent(TimerDef t) {
        if (Boolean.FALSE.equals(t.getPresent())) {
            throw Refuse.unsupported("<timer name='%s' present='no'> is not supported", t.getName());
        }
    }

    private static List<TimerDef> timers(DomainDef def) {
        return def.getClock() == null ? List.of() : def.getClock().getTimers();
    }

    /**
     * Per-device {@code <boot order>} becomes bootindex on the devices plus {@code strict=on} (boot only
     * from those); {@code <os><boot dev>} becomes {@code order=}. With a kernel, the firmware does not pick
     * a boot device, so no order is given.
     */
    private static void boot(Ctx ctx, OsDef os) {
        DomainDef def = ctx.def;
        boolean perDevice = def.getDisks().stream().anyMatch(d -> d.getBootOrder() != null)
                || def.getInterfaces().stream().anyMatch(i -> i.getBootOrder() != null);
        Opts o = Opts.empty();
        if (perDevice) {
            o.add("strict", "on");
        } else if (os.getKernel() == null && !os.getBootDevices().isEmpty()) {
            StringBuilder order = new StringBuilder();
            for (String dev : os.getBootDevices()) {
                order.append(BOOT_DEVICES.get(dev));
            }
            o.add("order", order);
        }
        if (os.getBootMenu() != null) {
            o.add("menu", Opts.onOff(os.getBootMenu()));
            if (Boolean.TRUE.equals(os.getBootMenu()) && os.getBootMenuTimeout() != null) {
                o.add("splash-time", os.getBootMenuTimeout());
            }
        }
        if (!o.toString().isEmpty()) {
            ctx.add("-boot", o);
        }
        if (os.getKernel() != null) {
            ctx.add("-kernel", os.getKernel());
        } else if (os.getInitrd() != null || os.getCmdline() != null) {
            throw Refuse.unsupported("<os><initrd> and <cmdline> need a <kernel>");
        }
        if (os.getInitrd() != null) {
            ctx.add("-initrd", os.getInitrd());
        }
        if (os.getCmdline() != null) {
            ctx.add("-append", os.getCmdline());
        }
    }

    /** Devices Vireo keeps verbatim (hostdev, sound, watchdog, ...) and top-level elements that shape the guest. */
    private static void refuseUnmodelled(DomainDef def) {
        if (!def.devices().getOtherXml().isEmpty()) {
            throw Refuse.unsupported("<devices><%s> is not supported",
                    Refuse.elementName(def.devices().getOtherXml().get(0)));
        }
        for (String raw : def.getExtraXml()) {
            String name = Refuse.elementName(raw);
            if (TOP_LEVEL_REFUSED.contains(name)) {
                throw Refuse.unsupported("<%s> is not supported", name);
            }
        }
    }
}
