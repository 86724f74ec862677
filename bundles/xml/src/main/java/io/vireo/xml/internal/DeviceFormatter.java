package io.vireo.xml.internal;

import io.vireo.xml.domain.AddressDef;
import io.vireo.xml.domain.CharDeviceDef;
import io.vireo.xml.domain.ControllerDef;
import io.vireo.xml.domain.DeviceDef;
import io.vireo.xml.domain.DevicesDef;
import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.GraphicsDef;
import io.vireo.xml.domain.HostDef;
import io.vireo.xml.domain.InputDef;
import io.vireo.xml.domain.InterfaceDef;
import io.vireo.xml.domain.ListenDef;
import io.vireo.xml.domain.MemballoonDef;
import io.vireo.xml.domain.RngDef;
import io.vireo.xml.domain.VideoDef;
import java.util.List;

/** {@link DevicesDef} → {@code <devices>}, devices grouped by kind in libvirt's order. */
public final class DeviceFormatter {
    /** libvirt's device order; verbatim devices are slotted in by their element name. */
    static final List<String> ORDER = List.of("emulator", "disk", "controller", "lease", "filesystem",
            "interface", "smartcard", "serial", "parallel", "console", "channel", "input", "tpm", "graphics",
            "sound", "audio", "video", "hostdev", "redirdev", "redirfilter", "hub", "watchdog", "memballoon",
            "rng", "panic", "shmem", "memory", "iommu", "vsock", "crypto", "pstore");

    /** libvirt's child order inside a disk, for placing verbatim children. */
    static final List<String> DISK_ORDER = List.of("driver", "source", "backingStore", "mirror", "geometry",
            "blockio", "target", "iotune", "readonly", "shareable", "transient", "serial", "wwn", "vendor",
            "product", "encryption", "boot");
    /** libvirt's child order inside an interface. */
    static final List<String> INTERFACE_ORDER = List.of("mac", "source", "vlan", "virtualport", "bandwidth",
            "ip", "route", "script", "downscript", "backenddomain", "target", "guest", "model", "driver", "backend",
            "filterref", "tune", "teaming", "link", "mtu", "coalesce", "rom", "boot");

    private DeviceFormatter() {
    }

    static XmlOut toXml(DevicesDef d) {
        XmlOut x = XmlOut.element("devices").keepOpen();
        Ordering other = new Ordering(ORDER, d.getOtherXml());
        x.leaf("emulator", d.getEmulator());
        other.before(x, "disk");
        d.getDisks().forEach(disk -> x.add(disk(disk)));
        other.before(x, "controller");
        d.getControllers().forEach(c -> x.add(controller(c)));
        other.before(x, "interface");
        d.getInterfaces().forEach(i -> x.add(iface(i)));
        other.before(x, "serial");
        d.getSerials().forEach(c -> x.add(chr("serial", c)));
        d.getParallels().forEach(c -> x.add(chr("parallel", c)));
        d.getConsoles().forEach(c -> x.add(chr("console", c)));
        d.getChannels().forEach(c -> x.add(chr("channel", c)));
        d.getInputs().forEach(i -> x.add(input(i)));
        other.before(x, "graphics");
        d.getGraphics().forEach(g -> x.add(graphics(g)));
        other.before(x, "video");
        d.getVideos().forEach(v -> x.add(video(v)));
        other.before(x, "memballoon");
        x.add(memballoon(d.getMemballoon()));
        d.getRngs().forEach(r -> x.add(rng(r)));
        other.rest(x);
        return x;
    }

    private static XmlOut disk(DiskDef d) {
        XmlOut x = XmlOut.element("disk").attr("type", d.getType()).attr("device", d.getDevice());
        Ordering extras = new Ordering(DISK_ORDER, d.getExtraXml());
        if (d.getDriverName() != null || d.getDriverType() != null || d.getDriverCache() != null
                || d.getDriverIo() != null || d.getDriverDiscard() != null) {
            x.add(XmlOut.element("driver").attr("name", d.getDriverName()).attr("type", d.getDriverType())
                    .attr("cache", d.getDriverCache()).attr("io", d.getDriverIo())
                    .attr("discard", d.getDriverDiscard()));
        }
        XmlOut src = XmlOut.element("source").attr("protocol", d.getSourceProtocol()).attr("name", d.getSourceName())
                .attr("pool", d.getSourcePool()).attr("volume", d.getSourceVolume()).attr("mode", d.getSourceMode())
                .attr("file", d.getSourceFile()).attr("dev", d.getSourceDev()).attr("dir", d.getSourceDir())
                .attr("startupPolicy", d.getStartupPolicy());
        for (HostDef h : d.getSourceHosts()) {
            src.add(XmlOut.element("host").attr("name", h.getName()).attr("port", h.getPort())
                    .attr("transport", h.getTransport()).attr("socket", h.getSocket()));
        }
        d.getSourceExtraXml().forEach(src::raw);
        if (src.hasContent()) {
            x.add(src);
        }
        x.raw(d.getBackingStoreXml());
        extras.before(x, "target");
        x.add(XmlOut.element("target").attr("dev", d.getTargetDev()).attr("bus", d.getTargetBus())
                .attr("tray", d.getTargetTray()));
        extras.before(x, "readonly");
        x.flag("readonly", d.isReadonly());
        x.flag("shareable", d.isShareable());
        extras.before(x, "serial");
        x.leaf("serial", d.getSerial());
        x.leaf("wwn", d.getWwn());
        return tail(x, d, d.getBootOrder(), extras);
    }

    private static XmlOut iface(InterfaceDef i) {
        XmlOut x = XmlOut.element("interface").attr("type", i.getType());
        Ordering extras = new Ordering(INTERFACE_ORDER, i.getExtraXml());
        if (i.getMac() != null) {
            x.add(XmlOut.element("mac").attr("address", i.getMac()));
        }
        XmlOut src = XmlOut.element("source").attr("network", i.getSourceNetwork())
                .attr("portgroup", i.getSourcePortgroup()).attr("bridge", i.getSourceBridge())
                .attr("dev", i.getSourceDev()).attr("mode", i.getSourceMode());
        if (src.hasContent()) {
            x.add(src);
        }
        extras.before(x, "target");
        if (i.getTargetDev() != null) {
            x.add(XmlOut.element("target").attr("dev", i.getTargetDev()));
        }
        extras.before(x, "model");
        if (i.getModelType() != null) {
            x.add(XmlOut.element("model").attr("type", i.getModelType()));
        }
        if (i.getDriverName() != null || i.getDriverQueues() != null) {
            x.add(XmlOut.element("driver").attr("name", i.getDriverName()).attr("queues", i.getDriverQueues()));
        }
        extras.before(x, "link");
        if (i.getLinkState() != null) {
            x.add(XmlOut.element("link").attr("state", i.getLinkState()));
        }
        if (i.getMtu() != null) {
            x.add(XmlOut.element("mtu").attr("size", i.getMtu()));
        }
        return tail(x, i, i.getBootOrder(), extras);
    }

    private static XmlOut chr(String element, CharDeviceDef c) {
        XmlOut x = XmlOut.element(element).attr("type", c.getType()).attr("tty", c.getTty());
        XmlOut src = XmlOut.element("source").attr("mode", c.getSourceMode()).attr("host", c.getSourceHost())
                .attr("service", c.getSourceService()).attr("path", c.getSourcePath())
                .attr("append", c.getSourceAppend());
        if (src.hasContent()) {
            x.add(src);
        }
        if (c.getProtocolType() != null) {
            x.add(XmlOut.element("protocol").attr("type", c.getProtocolType()));
        }
        if (c.getLogFile() != null) {
            x.add(XmlOut.element("log").attr("file", c.getLogFile()).attr("append", c.getLogAppend()));
        }
        XmlOut target = XmlOut.element("target").attr("type", c.getTargetType()).attr("port", c.getTargetPort())
                .attr("name", c.getTargetName()).attr("state", c.getTargetState());
        if (c.getTargetModel() != null) {
            target.add(XmlOut.element("model").attr("name", c.getTargetModel()));
        }
        if (target.hasContent()) {
            x.add(target);
        }
        return tail(x, c, null);
    }

    private static XmlOut graphics(GraphicsDef g) {
        XmlOut x = XmlOut.element("graphics").attr("type", g.getType()).attr("port", g.getPort())
                .attr("tlsPort", g.getTlsPort()).yesNo("autoport", g.getAutoport())
                .attr("websocket", g.getWebsocket()).attr("listen", g.getListen()).attr("keymap", g.getKeymap())
                .attr("passwd", g.getPasswd());
        for (ListenDef l : g.getListens()) {
            x.add(XmlOut.element("listen").attr("type", l.getType()).attr("address", l.getAddress())
                    .attr("network", l.getNetwork()).attr("socket", l.getSocket()));
        }
        return tail(x, g, null);
    }

    private static XmlOut video(VideoDef v) {
        XmlOut x = XmlOut.element("video");
        if (v.getModelType() != null) {
            XmlOut m = XmlOut.element("model").attr("type", v.getModelType()).attr("ram", v.getRam())
                    .attr("vram", v.getVram()).attr("vgamem", v.getVgamem()).attr("heads", v.getHeads())
                    .yesNo("primary", v.getPrimary());
            if (v.getAccel3d() != null) {
                m.add(XmlOut.element("acceleration").yesNo("accel3d", v.getAccel3d()));
            }
            x.add(m);
        }
        return tail(x, v, null);
    }

    private static XmlOut input(InputDef i) {
        return tail(XmlOut.element("input").attr("type", i.getType()).attr("bus", i.getBus()), i, null);
    }

    private static XmlOut controller(ControllerDef c) {
        XmlOut x = XmlOut.element("controller").attr("type", c.getType()).attr("index", c.getIndex())
                .attr("model", c.getModel()).attr("ports", c.getPorts()).attr("vectors", c.getVectors());
        if (c.getMasterStartport() != null) {
            x.add(XmlOut.element("master").attr("startport", c.getMasterStartport()));
        }
        return tail(x, c, null);
    }

    private static XmlOut memballoon(MemballoonDef m) {
        if (m == null) {
            return null;
        }
        XmlOut x = XmlOut.element("memballoon").attr("model", m.getModel()).onOff("autodeflate", m.getAutodeflate())
                .onOff("freePageReporting", m.getFreePageReporting());
        if (m.getStatsPeriod() != null) {
            x.add(XmlOut.element("stats").attr("period", m.getStatsPeriod()));
        }
        return tail(x, m, null);
    }

    private static XmlOut rng(RngDef r) {
        XmlOut x = XmlOut.element("rng").attr("model", r.getModel());
        if (r.getRateBytes() != null || r.getRatePeriod() != null) {
            x.add(XmlOut.element("rate").attr("bytes", r.getRateBytes()).attr("period", r.getRatePeriod()));
        }
        XmlOut backend = XmlOut.element("backend").attr("model", r.getBackendModel()).attr("type", r.getBackendType());
        if (r.getBackendPath() != null) {
            backend.text(r.getBackendPath());
        }
        x.add(backend.raw(r.getBackendXml()));
        return tail(x, r, null);
    }

    /** Verbatim children (in document order), then alias and address: the end every device shares. */
    private static XmlOut tail(XmlOut x, DeviceDef d, Integer bootOrder) {
        return tail(x, d, bootOrder, new Ordering(List.of(), d.getExtraXml()));
    }

    private static XmlOut tail(XmlOut x, DeviceDef d, Integer bootOrder, Ordering extras) {
        extras.rest(x);
        if (bootOrder != null) {
            x.add(XmlOut.element("boot").attr("order", bootOrder));
        }
        if (d.getAlias() != null) {
            x.add(XmlOut.element("alias").attr("name", d.getAlias()));
        }
        AddressDef a = d.getAddress();
        if (a != null) {
            XmlOut ax = XmlOut.element("address").attr("type", a.getType());
            a.getAttributes().forEach(ax::attr);
            x.add(ax);
        }
        return x;
    }
}
