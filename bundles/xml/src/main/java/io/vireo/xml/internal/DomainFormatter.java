package io.vireo.xml.internal;

import io.vireo.xml.domain.ClockDef;
import io.vireo.xml.domain.CpuDef;
import io.vireo.xml.domain.CpuFeatureDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.FeatureDef;
import io.vireo.xml.domain.OsDef;
import io.vireo.xml.domain.TimerDef;
import java.util.List;

/** {@link DomainDef} → {@code <domain>} in libvirt's element order and layout. */
public final class DomainFormatter {
    /** libvirt's order of top-level elements, so verbatim ones land where libvirt writes them. */
    static final List<String> ORDER = List.of("name", "uuid", "genid", "title", "description", "metadata",
            "maxMemory", "memory", "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus",
            "iothreads", "iothreadids", "defaultiothread", "cputune", "numatune", "resource", "sysinfo",
            "bootloader", "bootloader_args", "os", "idmap", "features", "cpu", "clock", "on_poweroff",
            "on_reboot", "on_crash", "on_lockfailure", "pm", "perf", "devices", "seclabel", "keywrap",
            "launchSecurity");

    private DomainFormatter() {
    }

    public static String format(DomainDef d, boolean includeId) {
        return toXml(d, includeId).toXml();
    }

    public static XmlOut toXml(DomainDef d, boolean includeId) {
        XmlOut x = XmlOut.element("domain").attr("type", d.getType());
        if (includeId) {
            x.attr("id", d.getId());
        }
        Ordering extras = new Ordering(ORDER, d.getExtraXml());
        x.leaf("name", d.getName());
        x.leaf("uuid", d.getUuid());
        extras.before(x, "genid");
        x.leaf("genid", d.getGenid());
        x.leaf("title", d.getTitle());
        x.leaf("description", d.getDescription());
        if (d.getMetadataXml() != null) {
            x.add(XmlOut.element("metadata").raw(d.getMetadataXml()));
        }
        if (d.getMaxMemoryKiB() != null) {
            x.add(XmlOut.element("maxMemory").attr("slots", d.getMaxMemorySlots()).attr("unit", "KiB")
                    .text(d.getMaxMemoryKiB()));
        }
        x.add(XmlOut.element("memory").attr("unit", "KiB").text(d.getMemoryKiB()));
        x.add(XmlOut.element("currentMemory").attr("unit", "KiB").text(d.getCurrentMemoryOrMax()));
        extras.before(x, "vcpu");
        // libvirt writes current only when some vCPUs are offline
        Integer current = d.getVcpus() != d.getMaxVcpus() ? d.getVcpus() : null;
        x.add(XmlOut.element("vcpu").attr("placement", d.getVcpuPlacement()).attr("cpuset", d.getVcpuCpuset())
                .attr("current", current).text(d.getMaxVcpus()));
        extras.before(x, "os");
        x.add(os(d.getOs()));
        extras.before(x, "features");
        if (d.getFeatures() != null) {
            XmlOut f = XmlOut.element("features");
            for (FeatureDef fd : d.getFeatures()) {
                XmlOut e = XmlOut.element(fd.getName());
                fd.getAttributes().forEach(e::attr);
                f.add(e.raw(fd.getInnerXml()));
            }
            x.add(f);
        }
        x.add(cpu(d.getCpu()));
        x.add(clock(d.getClock()));
        x.leaf("on_poweroff", d.getOnPoweroff());
        x.leaf("on_reboot", d.getOnReboot());
        x.leaf("on_crash", d.getOnCrash());
        extras.before(x, "devices");
        x.add(DeviceFormatter.toXml(d.devices()));
        extras.rest(x);
        return x;
    }

    private static XmlOut os(OsDef o) {
        if (o == null) {
            return null;
        }
        XmlOut x = XmlOut.element("os").attr("firmware", o.getFirmware());
        x.add(XmlOut.element("type").attr("arch", o.getArch()).attr("machine", o.getMachine()).text(o.getType()));
        for (String raw : o.getExtraXml()) {
            if (Ordering.elementName(raw).equals("firmware")) {
                x.raw(raw);
            }
        }
        x.leaf("init", o.getInit());
        if (o.getLoader() != null || o.getLoaderType() != null || o.getLoaderReadonly() != null) {
            x.add(XmlOut.element("loader").yesNo("readonly", o.getLoaderReadonly())
                    .yesNo("secure", o.getLoaderSecure()).attr("type", o.getLoaderType()).text(o.getLoader()));
        }
        if (o.getNvram() != null || o.getNvramTemplate() != null) {
            x.add(XmlOut.element("nvram").attr("template", o.getNvramTemplate()).text(o.getNvram()));
        }
        x.leaf("kernel", o.getKernel());
        x.leaf("initrd", o.getInitrd());
        x.leaf("cmdline", o.getCmdline());
        x.leaf("dtb", o.getDtb());
        for (String dev : o.getBootDevices()) {
            x.add(XmlOut.element("boot").attr("dev", dev));
        }
        if (o.getBootMenu() != null) {
            x.add(XmlOut.element("bootmenu").yesNo("enable", o.getBootMenu()).attr("timeout", o.getBootMenuTimeout()));
        }
        for (String raw : o.getExtraXml()) {
            if (!Ordering.elementName(raw).equals("firmware")) {
                x.raw(raw);
            }
        }
        return x;
    }

    private static XmlOut cpu(CpuDef c) {
        if (c == null) {
            return null;
        }
        XmlOut x = XmlOut.element("cpu").attr("mode", c.getMode()).attr("match", c.getMatch())
                .attr("check", c.getCheck()).onOff("migratable", c.getMigratable());
        if (c.getModel() != null || c.getModelFallback() != null) {
            x.add(XmlOut.element("model").attr("fallback", c.getModelFallback()).text(c.getModel()));
        }
        x.leaf("vendor", c.getVendor());
        if (c.getSockets() != null || c.getDies() != null || c.getCores() != null || c.getThreads() != null) {
            x.add(XmlOut.element("topology").attr("sockets", c.getSockets()).attr("dies", c.getDies())
                    .attr("cores", c.getCores()).attr("threads", c.getThreads()));
        }
        for (String raw : c.getExtraXml()) {
            if (Ordering.elementName(raw).equals("cache")) {
                x.raw(raw);
            }
        }
        for (CpuFeatureDef f : c.getFeatures()) {
            x.add(XmlOut.element("feature").attr("policy", f.getPolicy()).attr("name", f.getName()));
        }
        for (String raw : c.getExtraXml()) {
            if (!Ordering.elementName(raw).equals("cache")) {
                x.raw(raw);
            }
        }
        return x;
    }

    private static XmlOut clock(ClockDef c) {
        if (c == null) {
            return null;
        }
        XmlOut x = XmlOut.element("clock").attr("offset", c.getOffset()).attr("timezone", c.getTimezone())
                .attr("adjustment", c.getAdjustment()).attr("basis", c.getBasis());
        for (TimerDef t : c.getTimers()) {
            x.add(XmlOut.element("timer").attr("name", t.getName()).yesNo("present", t.getPresent())
                    .attr("tickpolicy", t.getTickpolicy()).attr("track", t.getTrack())
                    .attr("frequency", t.getFrequency()).attr("mode", t.getMode()));
        }
        return x;
    }
}
