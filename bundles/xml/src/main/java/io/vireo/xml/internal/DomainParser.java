package io.vireo.xml.internal;

import io.vireo.xml.domain.ClockDef;
import io.vireo.xml.domain.CpuDef;
import io.vireo.xml.domain.CpuFeatureDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.FeatureDef;
import io.vireo.xml.domain.OsDef;
import io.vireo.xml.domain.TimerDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code <domain>} → {@link DomainDef}: reads the top-level elements, fills libvirt's defaults
 * (random UUID, current memory = memory, clock utc, lifecycle actions) and checks values. Devices are
 * read by {@link DeviceParser}. Top-level elements Vireo does not model are kept verbatim.
 */
public final class DomainParser {
    static final Set<String> DOMAIN_TYPES = Set.of("none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml",
            "openvz", "test", "vmware", "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", "hvf");
    static final Set<String> OS_TYPES = Set.of("hvm", "xen", "linux", "exe", "xenpvh");
    static final Set<String> LIFECYCLE = Set.of("destroy", "restart", "rename-restart", "preserve");
    static final Set<String> CRASH = Set.of("destroy", "restart", "rename-restart", "preserve",
            "coredump-destroy", "coredump-restart");
    static final Set<String> BOOT_DEVS = Set.of("fd", "hd", "cdrom", "network");
    static final Set<String> CLOCK_OFFSETS = Set.of("utc", "localtime", "timezone", "variable", "absolute");
    static final Set<String> CPU_MODES = Set.of("custom", "host-model", "host-passthrough", "maximum");
    static final Set<String> CPU_MATCH = Set.of("minimum", "exact", "strict");
    static final Set<String> CPU_CHECK = Set.of("none", "partial", "full");
    static final Set<String> CPU_POLICIES = Set.of("force", "require", "optional", "disable", "forbid");
    static final Set<String> TICK_POLICIES = Set.of("delay", "catchup", "merge", "discard");
    static final Set<String> MODELLED = Set.of("name", "uuid", "genid", "title", "description", "metadata",
            "maxMemory", "memory", "currentMemory", "vcpu", "os", "features", "cpu", "clock",
            "on_poweroff", "on_reboot", "on_crash", "devices");

    private static final Values V = Values.DOMAIN;

    private DomainParser() {
    }

    public static DomainDef parse(String xml) {
        XmlNode root = SafeXmlReader.parse(xml);
        V.expectRoot(root, "domain");
        return parse(root);
    }

    /** Reads a {@code <domain>} element, also the one embedded in a snapshot. */
    public static DomainDef parse(XmlNode root) {
        DomainDef d = new DomainDef();
        String type = root.attr("type");
        if (type == null || type.isEmpty()) {
            throw V.error("missing required attribute 'type' in <domain>");
        }
        if (!DOMAIN_TYPES.contains(type)) {
            throw V.error("invalid domain type '%s'", type);
        }
        d.setType(type);
        Integer id = V.intAttr(root, "id");
        d.setId(id == null || id < 0 ? null : id);
        d.setName(V.name(root));
        XmlNode uuid = root.child("uuid");
        d.setUuid(uuid == null ? UUID.randomUUID() : V.uuid(uuid));
        d.setGenid(root.childText("genid"));
        d.setTitle(root.childText("title"));
        if (d.getTitle() != null && d.getTitle().contains("\n")) {
            throw V.error("Domain title can't contain newlines");
        }
        XmlNode description = root.child("description");
        d.setDescription(description == null ? null : rawText(description));
        XmlNode metadata = root.child("metadata");
        d.setMetadataXml(metadata == null ? null : metadata.innerRaw());
        readMemory(root, d);
        readVcpu(root, d);
        d.setOs(readOs(root));
        XmlNode features = root.child("features");
        d.setFeatures(features == null ? null : readFeatures(features));
        XmlNode cpu = root.child("cpu");
        d.setCpu(cpu == null ? null : readCpu(cpu));
        XmlNode clock = root.child("clock");
        d.setClock(clock == null ? new ClockDef() : readClock(clock));
        d.setOnPoweroff(lifecycle(root, "on_poweroff", LIFECYCLE, "destroy"));
        d.setOnReboot(lifecycle(root, "on_reboot", LIFECYCLE, "restart"));
        d.setOnCrash(lifecycle(root, "on_crash", CRASH, "destroy"));
        XmlNode devices = root.child("devices");
        d.setDevices(devices == null ? new io.vireo.xml.domain.DevicesDef() : DeviceParser.parse(devices));
        checkBootOrder(d);
        List<String> extra = new ArrayList<>();
        for (XmlNode c : root.children()) {
            if (!MODELLED.contains(c.name())) {
                extra.add(c.raw());
            }
        }
        d.setExtraXml(extra);
        return d;
    }

    /** A description is free text: kept as written, whitespace and newlines included. */
    private static String rawText(XmlNode n) {
        return n.rawText();
    }

    private static void readMemory(XmlNode root, DomainDef d) {
        XmlNode memory = root.child("memory");
        if (memory == null) {
            throw V.error("Memory size must be specified via <memory> or in the <numa> configuration");
        }
        d.setMemoryKiB(V.kib(memory));
        if (d.getMemoryKiB() == 0) {
            throw V.error("Memory size must be specified via <memory> or in the <numa> configuration");
        }
        XmlNode max = root.child("maxMemory");
        if (max != null) {
            d.setMaxMemoryKiB(V.kib(max));
            d.setMaxMemorySlots(V.intAttr(max, "slots"));
            if (d.getMaxMemoryKiB() < d.getMemoryKiB()) {
                throw V.error("maximum memory size must be equal or greater than the actual memory size");
            }
        }
        XmlNode current = root.child("currentMemory");
        long cur = current == null ? d.getMemoryKiB() : V.kib(current);
        // libvirt clamps a balloon target above the memory size rather than refusing it
        d.setCurrentMemoryKiB(Math.min(cur, d.getMemoryKiB()));
    }

    private static void readVcpu(XmlNode root, DomainDef d) {
        XmlNode vcpu = root.child("vcpu");
        if (vcpu == null) {
            return;
        }
        long max = V.unsignedText(vcpu);
        if (max < 1 || max > 16384) {
            throw V.error("Invalid number of vCPUs '%s' in <vcpu>", vcpu.text());
        }
        d.setMaxVcpus((int) max);
        d.setVcpus((int) max);
        d.setVcpuPlacement(V.enumAttr(vcpu, "placement", Set.of("static", "auto")));
        if (d.getVcpuPlacement() == null) {
            d.setVcpuPlacement("static");
        }
        d.setVcpuCpuset(vcpu.attr("cpuset"));
        Integer current = V.intAttr(vcpu, "current");
        if (current != null) {
            if (current < 1) {
                throw V.invalidAttr(vcpu, "current", vcpu.attr("current"));
            }
            if (current > max) {
                throw V.error("maximum vCPU count must not be less than current vCPU count");
            }
            d.setVcpus(current);
        }
    }

    private static OsDef readOs(XmlNode root) {
        XmlNode os = root.child("os");
        XmlNode type = os == null ? null : os.child("type");
        if (type == null || type.text().isEmpty()) {
            throw V.error("an os <type> must be specified");
        }
        OsDef o = new OsDef();
        if (!OS_TYPES.contains(type.text())) {
            throw V.error("unknown OS type '%s'", type.text());
        }
        o.setType(type.text());
        o.setArch(type.attr("arch"));
        o.setMachine(type.attr("machine"));
        o.setFirmware(V.enumAttr(os, "firmware", Set.of("bios", "efi")));
        XmlNode loader = os.child("loader");
        if (loader != null) {
            o.setLoader(loader.text().isEmpty() ? null : loader.text());
            o.setLoaderReadonly(V.yesNo(loader, "readonly"));
            o.setLoaderSecure(V.yesNo(loader, "secure"));
            o.setLoaderType(V.enumAttr(loader, "type", Set.of("rom", "pflash")));
        }
        XmlNode nvram = os.child("nvram");
        if (nvram != null) {
            o.setNvram(nvram.text().isEmpty() ? null : nvram.text());
            o.setNvramTemplate(nvram.attr("template"));
        }
        o.setKernel(os.childText("kernel"));
        o.setInitrd(os.childText("initrd"));
        o.setCmdline(os.childText("cmdline"));
        o.setDtb(os.childText("dtb"));
        o.setInit(os.childText("init"));
        List<String> boots = new ArrayList<>();
        for (XmlNode b : os.children("boot")) {
            String dev = V.requireAttr(b, "dev");
            if (!BOOT_DEVS.contains(dev)) {
                throw V.error("unknown boot device '%s'", dev);
            }
            boots.add(dev);
        }
        o.setBootDevices(boots);
        XmlNode menu = os.child("bootmenu");
        if (menu != null) {
            o.setBootMenu(V.yesNo(menu, "enable"));
            o.setBootMenuTimeout(menu.attr("timeout"));
        }
        Set<String> modelled = Set.of("type", "loader", "nvram", "kernel", "initrd", "cmdline", "dtb", "init",
                "boot", "bootmenu");
        List<String> extra = new ArrayList<>();
        for (XmlNode c : os.children()) {
            if (!modelled.contains(c.name())) {
                extra.add(c.raw());
            }
        }
        o.setExtraXml(extra);
        return o;
    }

    private static List<FeatureDef> readFeatures(XmlNode features) {
        List<FeatureDef> list = new ArrayList<>();
        for (XmlNode f : features.children()) {
            FeatureDef fd = new FeatureDef(f.name());
            fd.getAttributes().putAll(f.attributes());
            String inner = f.innerRaw();
            fd.setInnerXml(inner.isEmpty() ? null : inner);
            list.add(fd);
        }
        return list;
    }

    private static CpuDef readCpu(XmlNode cpu) {
        CpuDef c = new CpuDef();
        c.setMode(V.enumAttr(cpu, "mode", CPU_MODES));
        c.setMatch(V.enumAttr(cpu, "match", CPU_MATCH));
        c.setCheck(V.enumAttr(cpu, "check", CPU_CHECK));
        c.setMigratable(V.yesNo(cpu, "migratable"));
        XmlNode model = cpu.child("model");
        if (model != null) {
            c.setModel(model.text().isEmpty() ? null : model.text());
            c.setModelFallback(V.enumAttr(model, "fallback", Set.of("allow", "forbid")));
        }
        c.setVendor(cpu.childText("vendor"));
        XmlNode topo = cpu.child("topology");
        if (topo != null) {
            c.setSockets(positive(topo, "sockets"));
            c.setDies(positive(topo, "dies"));
            c.setCores(positive(topo, "cores"));
            c.setThreads(positive(topo, "threads"));
        }
        for (XmlNode f : cpu.children("feature")) {
            String policy = V.enumAttr(f, "policy", CPU_POLICIES);
            c.getFeatures().add(new CpuFeatureDef(policy, V.requireAttr(f, "name")));
        }
        for (XmlNode x : cpu.children()) {
            if (!Set.of("model", "vendor", "topology", "feature").contains(x.name())) {
                c.getExtraXml().add(x.raw());
            }
        }
        return c;
    }

    private static Integer positive(XmlNode n, String attr) {
        Integer v = V.intAttr(n, attr);
        if (v != null && v < 1) {
            throw V.invalidAttr(n, attr, n.attr(attr));
        }
        return v;
    }

    private static ClockDef readClock(XmlNode clock) {
        ClockDef c = new ClockDef();
        String offset = clock.attr("offset");
        if (offset != null && !CLOCK_OFFSETS.contains(offset)) {
            throw V.error("unknown clock offset '%s'", offset);
        }
        c.setOffset(offset == null ? "utc" : offset);
        c.setTimezone(clock.attr("timezone"));
        c.setAdjustment(clock.attr("adjustment"));
        c.setBasis(V.enumAttr(clock, "basis", Set.of("utc", "localtime")));
        if ("timezone".equals(c.getOffset()) && c.getTimezone() == null) {
            throw V.error("missing required attribute 'timezone' in <clock>");
        }
        for (XmlNode t : clock.children("timer")) {
            TimerDef td = new TimerDef();
            td.setName(V.enumAttr(t, "name", Set.of("platform", "pit", "rtc", "hpet", "tsc", "kvmclock",
                    "hypervclock", "armvtimer")));
            if (td.getName() == null) {
                throw V.error("missing required attribute 'name' in <timer>");
            }
            td.setPresent(V.yesNo(t, "present"));
            td.setTickpolicy(V.enumAttr(t, "tickpolicy", TICK_POLICIES));
            td.setTrack(V.enumAttr(t, "track", Set.of("boot", "guest", "wall", "realtime")));
            td.setFrequency(t.attr("frequency"));
            td.setMode(V.enumAttr(t, "mode", Set.of("auto", "native", "emulate", "paravirt", "smpsafe")));
            c.getTimers().add(td);
        }
        return c;
    }

    /**
     * Boot order is given either per device or in os, never both; with neither, an HVM guest boots
     * from its first disk, and libvirt writes that default out as {@code <boot dev='hd'/>}.
     */
    private static void checkBootOrder(DomainDef d) {
        boolean perDevice = d.getDisks().stream().anyMatch(x -> x.getBootOrder() != null)
                || d.getInterfaces().stream().anyMatch(x -> x.getBootOrder() != null)
                || d.devices().getOtherXml().stream().anyMatch(x -> x.contains("<boot "));
        List<String> boots = d.getOs().getBootDevices();
        if (perDevice && !boots.isEmpty()) {
            throw V.error("per-device boot elements cannot be used together with os/boot elements");
        }
        if (!perDevice && boots.isEmpty() && "hvm".equals(d.getOs().getType())) {
            boots.add("hd");
        }
    }

    private static String lifecycle(XmlNode root, String element, Set<String> allowed, String dflt) {
        String v = root.childText(element);
        if (v == null) {
            return dflt;
        }
        if (!allowed.contains(v)) {
            throw V.error("unknown %s action: %s", element, v);
        }
        return v;
    }
}
