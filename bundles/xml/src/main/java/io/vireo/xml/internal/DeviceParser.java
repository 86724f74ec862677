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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code <devices>} → {@link DevicesDef}. Devices Vireo models are read into their classes, with
 * defaults (generated MAC, disk bus from the target name, target name from the bus); any other element
 * in devices is kept verbatim and written back in libvirt's device order, so a definition made for a
 * richer hypervisor survives a define/dumpxml cycle here.
 */
public final class DeviceParser {
    static final Set<String> DISK_TYPES = Set.of("file", "block", "dir", "network", "volume", "nvme",
            "vhostuser");
    static final Set<String> DISK_DEVICES = Set.of("disk", "cdrom", "floppy", "lun");
    static final Set<String> DISK_BUSES = Set.of("ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata",
            "sd");
    static final Set<String> NET_TYPES = Set.of("user", "ethernet", "vhostuser", "server", "client", "mcast",
            "network", "bridge", "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds");
    static final Set<String> CHR_TYPES = Set.of("null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp",
            "tcp", "unix", "spicevmc", "spiceport", "nmdm", "qemu-vdagent", "dbus");
    static final Set<String> GRAPHICS_TYPES = Set.of("sdl", "vnc", "rdp", "desktop", "spice", "egl-headless",
            "dbus");
    static final Set<String> INPUT_TYPES = Set.of("mouse", "tablet", "keyboard", "passthrough", "evdev");
    static final Set<String> INPUT_BUSES = Set.of("ps2", "usb", "xen", "parallels", "virtio", "none");
    static final Set<String> VIDEO_TYPES = Set.of("vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels",
            "virtio", "gop", "none", "bochs", "ramfb");
    static final Set<String> CONTROLLER_TYPES = Set.of("ide", "fdc", "scsi", "sata", "virtio-serial", "ccid",
            "usb", "pci", "xenbus", "isa");
    static final Set<String> BALLOON_MODELS = Set.of("virtio", "xen", "none", "virtio-transitional",
            "virtio-non-transitional");
    static final Set<String> RNG_MODELS = Set.of("virtio", "virtio-transitional", "virtio-non-transitional");
    static final Set<String> RNG_BACKENDS = Set.of("random", "egd", "builtin");

    private static final Values V = Values.DOMAIN;

    private DeviceParser() {
    }

    public static DevicesDef parse(XmlNode devices) {
        DevicesDef d = new DevicesDef();
        for (XmlNode n : devices.children()) {
            switch (n.name()) {
                case "emulator" -> d.setEmulator(n.text());
                case "disk" -> d.getDisks().add(disk(n));
                case "controller" -> d.getControllers().add(controller(n));
                case "interface" -> d.getInterfaces().add(iface(n));
                case "serial" -> d.getSerials().add(chr(n));
                case "parallel" -> d.getParallels().add(chr(n));
                case "console" -> d.getConsoles().add(chr(n));
                case "channel" -> d.getChannels().add(chr(n));
                case "input" -> d.getInputs().add(input(n));
                case "graphics" -> d.getGraphics().add(graphics(n));
                case "video" -> d.getVideos().add(video(n));
                case "memballoon" -> d.setMemballoon(memballoon(n));
                case "rng" -> d.getRngs().add(rng(n));
                default -> d.getOtherXml().add(n.raw());
            }
        }
        assignDiskTargets(d);
        return d;
    }

    private static DiskDef disk(XmlNode n) {
        DiskDef d = new DiskDef();
        String type = V.enumAttr(n, "type", DISK_TYPES);
        d.setType(type == null ? "file" : type);
        String device = V.enumAttr(n, "device", DISK_DEVICES);
        d.setDevice(device == null ? "disk" : device);
        XmlNode driver = n.child("driver");
        if (driver != null) {
            d.setDriverName(driver.attr("name"));
            d.setDriverType(driver.attr("type"));
            d.setDriverCache(V.enumAttr(driver, "cache", Set.of("default", "none", "writethrough", "writeback",
                    "directsync", "unsafe")));
            d.setDriverIo(V.enumAttr(driver, "io", Set.of("threads", "native", "io_uring")));
            d.setDriverDiscard(V.enumAttr(driver, "discard", Set.of("unmap", "ignore")));
        }
        XmlNode source = n.child("source");
        if (source != null) {
            d.setSourceFile(source.attr("file"));
            d.setSourceDev(source.attr("dev"));
            d.setSourceDir(source.attr("dir"));
            d.setSourcePool(source.attr("pool"));
            d.setSourceVolume(source.attr("volume"));
            d.setSourceMode(source.attr("mode"));
            d.setSourceProtocol(source.attr("protocol"));
            d.setSourceName(source.attr("name"));
            d.setStartupPolicy(V.enumAttr(source, "startupPolicy", Set.of("mandatory", "requisite",
                    "optional")));
            for (XmlNode h : source.children("host")) {
                HostDef host = new HostDef();
                host.setName(h.attr("name"));
                host.setPort(h.attr("port"));
                host.setTransport(h.attr("transport"));
                host.setSocket(h.attr("socket"));
                d.getSourceHosts().add(host);
            }
            for (XmlNode c : source.children()) {
                if (!c.name().equals("host")) {
                    d.getSourceExtraXml().add(c.raw());
                }
            }
            checkDiskSource(n, d);
        }
        XmlNode backing = n.child("backingStore");
        d.setBackingStoreXml(backing == null ? null : backing.raw());
        XmlNode target = n.child("target");
        if (target != null) {
            d.setTargetDev(target.attr("dev"));
            d.setTargetBus(V.enumAttr(target, "bus", DISK_BUSES));
            d.setTargetTray(V.enumAttr(target, "tray", Set.of("open", "closed")));
        }
        if (d.getTargetDev() == null && d.getTargetBus() == null) {
            String what = d.sourcePath() == null ? d.getDevice() : d.sourcePath();
            throw V.error("missing target information for device %s", what);
        }
        d.setReadonly(n.child("readonly") != null);
        d.setShareable(n.child("shareable") != null);
        d.setSerial(n.childText("serial"));
        d.setWwn(n.childText("wwn"));
        d.setBootOrder(bootOrder(n));
        common(n, d, Set.of("driver", "source", "backingStore", "target", "readonly", "shareable", "serial",
                "wwn", "boot"));
        return d;
    }

    private static void checkDiskSource(XmlNode disk, DiskDef d) {
        switch (d.getType()) {
            case "network" -> {
                if (d.getSourceProtocol() == null) {
                    throw V.error("missing required attribute 'protocol' in <source> of a network disk");
                }
            }
            case "volume" -> {
                if (d.getSourcePool() == null || d.getSourceVolume() == null) {
                    throw V.error("'pool' and 'volume' must be specified together in <source> of a volume disk");
                }
                if (d.getSourceMode() != null && !Set.of("host", "direct").contains(d.getSourceMode())) {
                    throw V.invalidAttr(disk.child("source"), "mode", d.getSourceMode());
                }
            }
            default -> {
                // file, block and dir disks may be empty (a cdrom without media)
            }
        }
    }

    private static Integer bootOrder(XmlNode device) {
        XmlNode boot = device.child("boot");
        if (boot == null) {
            return null;
        }
        Integer order = V.intAttr(boot, "order");
        if (order == null || order < 1) {
            throw V.error("incorrect boot order '%s', expecting positive integer", boot.attr("order"));
        }
        return order;
    }

    /**
     * libvirt needs a target name; when only the bus is given we pick the next free name for it
     * (vda, vdb, ... or sda, hda, fda), and when only the name is given the bus follows from its prefix.
     */
    private static void assignDiskTargets(DevicesDef devices) {
        Set<String> used = new HashSet<>();
        for (DiskDef d : devices.getDisks()) {
            if (d.getTargetDev() != null) {
                if (!used.add(d.getTargetDev())) {
                    throw V.error("target '%s' duplicated for disk sources", d.getTargetDev());
                }
            }
        }
        for (DiskDef d : devices.getDisks()) {
            if (d.getTargetDev() == null) {
                String prefix = DiskNames.prefixFor(d.getTargetBus());
                String name;
                int i = 0;
                do {
                    name = prefix + DiskNames.suffix(i++);
                } while (used.contains(name));
                used.add(name);
                d.setTargetDev(name);
            } else if (d.getTargetBus() == null) {
                d.setTargetBus(DiskNames.busFor(d.getTargetDev(), d.getDevice()));
            }
        }
    }

    private static InterfaceDef iface(XmlNode n) {
        InterfaceDef i = new InterfaceDef();
        String type = V.enumAttr(n, "type", NET_TYPES);
        if (type == null) {
            throw V.error("missing required attribute 'type' in <interface>");
        }
        i.setType(type);
        XmlNode mac = n.child("mac");
        i.setMac(mac == null ? Macs.generate() : V.mac(mac, "address"));
        XmlNode source = n.child("source");
        if (source != null) {
            i.setSourceNetwork(source.attr("network"));
            i.setSourceBridge(source.attr("bridge"));
            i.setSourceDev(source.attr("dev"));
            i.setSourceMode(source.attr("mode"));
            i.setSourcePortgroup(source.attr("portgroup"));
        }
        switch (type) {
            case "network" -> requireSource(i.getSourceNetwork(), "network", type);
            case "bridge" -> requireSource(i.getSourceBridge(), "bridge", type);
            case "direct" -> requireSource(i.getSourceDev(), "dev", type);
            default -> {
                // other types carry their own source details, kept as read
            }
        }
        XmlNode target = n.child("target");
        i.setTargetDev(target == null ? null : target.attr("dev"));
        XmlNode model = n.child("model");
        i.setModelType(model == null ? null : V.requireAttr(model, "type"));
        XmlNode driver = n.child("driver");
        if (driver != null) {
            i.setDriverName(driver.attr("name"));
            i.setDriverQueues(V.intAttr(driver, "queues"));
        }
        XmlNode link = n.child("link");
        i.setLinkState(link == null ? null : V.enumAttr(link, "state", Set.of("up", "down")));
        XmlNode mtu = n.child("mtu");
        i.setMtu(mtu == null ? null : V.intAttr(mtu, "size"));
        i.setBootOrder(bootOrder(n));
        common(n, i, Set.of("mac", "source", "target", "model", "driver", "link", "mtu", "boot"));
        return i;
    }

    private static void requireSource(String value, String attr, String type) {
        if (value == null || value.isEmpty()) {
            throw V.error("No <source> '%s' attribute specified with <interface type='%s'/>", attr, type);
        }
    }

    private static CharDeviceDef chr(XmlNode n) {
        CharDeviceDef c = new CharDeviceDef();
        String type = n.attr("type");
        if (type != null && !CHR_TYPES.contains(type)) {
            throw V.error("unknown type presented to host for character device: %s", type);
        }
        c.setType(type == null ? "null" : type);
        c.setTty(n.attr("tty"));
        XmlNode source = n.child("source");
        if (source != null) {
            c.setSourceMode(source.attr("mode"));
            c.setSourceHost(source.attr("host"));
            c.setSourceService(source.attr("service"));
            c.setSourcePath(source.attr("path"));
            c.setSourceAppend(source.attr("append"));
        }
        if (Set.of("file", "dev", "pipe", "unix").contains(c.getType()) && c.getSourcePath() == null
                && !"channel".equals(n.name())) {
            throw V.error("Missing source path attribute for char device");
        }
        XmlNode protocol = n.child("protocol");
        c.setProtocolType(protocol == null ? null : protocol.attr("type"));
        XmlNode log = n.child("log");
        if (log != null) {
            c.setLogFile(V.requireAttr(log, "file"));
            c.setLogAppend(V.enumAttr(log, "append", Set.of("on", "off")));
        }
        XmlNode target = n.child("target");
        if (target != null) {
            c.setTargetType(target.attr("type"));
            c.setTargetPort(V.intAttr(target, "port"));
            c.setTargetName(target.attr("name"));
            c.setTargetState(target.attr("state"));
            XmlNode model = target.child("model");
            c.setTargetModel(model == null ? null : model.attr("name"));
        }
        common(n, c, Set.of("source", "protocol", "log", "target"));
        return c;
    }

    private static GraphicsDef graphics(XmlNode n) {
        GraphicsDef g = new GraphicsDef();
        String type = V.enumAttr(n, "type", GRAPHICS_TYPES);
        if (type == null) {
            throw V.error("missing required attribute 'type' in <graphics>");
        }
        g.setType(type);
        g.setPort(V.intAttr(n, "port"));
        g.setTlsPort(V.intAttr(n, "tlsPort"));
        g.setAutoport(V.yesNo(n, "autoport"));
        g.setWebsocket(V.intAttr(n, "websocket"));
        g.setListen(n.attr("listen"));
        g.setKeymap(n.attr("keymap"));
        g.setPasswd(n.attr("passwd"));
        for (XmlNode l : n.children("listen")) {
            ListenDef ld = new ListenDef();
            ld.setType(V.enumAttr(l, "type", Set.of("address", "network", "socket", "none")));
            ld.setAddress(l.attr("address"));
            ld.setNetwork(l.attr("network"));
            ld.setSocket(l.attr("socket"));
            g.getListens().add(ld);
        }
        common(n, g, Set.of("listen"));
        return g;
    }

    private static VideoDef video(XmlNode n) {
        VideoDef v = new VideoDef();
        XmlNode model = n.child("model");
        if (model != null) {
            v.setModelType(V.enumAttr(model, "type", VIDEO_TYPES));
            v.setRam(V.longAttr(model, "ram"));
            v.setVram(V.longAttr(model, "vram"));
            v.setVgamem(V.longAttr(model, "vgamem"));
            v.setHeads(V.intAttr(model, "heads"));
            v.setPrimary(V.yesNo(model, "primary"));
            XmlNode accel = model.child("acceleration");
            v.setAccel3d(accel == null ? null : V.yesNo(accel, "accel3d"));
        }
        common(n, v, Set.of("model"));
        return v;
    }

    private static InputDef input(XmlNode n) {
        InputDef i = new InputDef();
        i.setType(V.enumAttr(n, "type", INPUT_TYPES));
        if (i.getType() == null) {
            throw V.error("missing required attribute 'type' in <input>");
        }
        i.setBus(V.enumAttr(n, "bus", INPUT_BUSES));
        common(n, i, Set.of());
        return i;
    }

    private static ControllerDef controller(XmlNode n) {
        ControllerDef c = new ControllerDef();
        c.setType(V.enumAttr(n, "type", CONTROLLER_TYPES));
        if (c.getType() == null) {
            throw V.error("missing required attribute 'type' in <controller>");
        }
        c.setIndex(V.intAttr(n, "index"));
        c.setModel(n.attr("model"));
        c.setPorts(V.intAttr(n, "ports"));
        c.setVectors(V.intAttr(n, "vectors"));
        XmlNode master = n.child("master");
        if (master != null) {
            c.setMasterStartport(V.intAttr(master, "startport"));
            if (c.getMasterStartport() == null) {
                throw V.error("missing required attribute 'startport' in <master> of <controller>");
            }
        }
        common(n, c, Set.of("master"));
        return c;
    }

    private static MemballoonDef memballoon(XmlNode n) {
        MemballoonDef m = new MemballoonDef();
        String model = V.enumAttr(n, "model", BALLOON_MODELS);
        if (model == null) {
            throw V.error("missing required attribute 'model' in <memballoon>");
        }
        m.setModel(model);
        m.setAutodeflate(V.yesNo(n, "autodeflate"));
        m.setFreePageReporting(V.yesNo(n, "freePageReporting"));
        XmlNode stats = n.child("stats");
        m.setStatsPeriod(stats == null ? null : V.intAttr(stats, "period"));
        common(n, m, Set.of("stats"));
        return m;
    }

    private static RngDef rng(XmlNode n) {
        RngDef r = new RngDef();
        String model = V.enumAttr(n, "model", RNG_MODELS);
        if (model == null) {
            throw V.error("missing required attribute 'model' in <rng>");
        }
        r.setModel(model);
        XmlNode backend = V.requireChild(n, "backend");
        String bm = V.enumAttr(backend, "model", RNG_BACKENDS);
        if (bm == null) {
            throw V.error("missing required attribute 'model' in <backend>");
        }
        r.setBackendModel(bm);
        r.setBackendType(backend.attr("type"));
        if ("random".equals(bm)) {
            r.setBackendPath(backend.text().isEmpty() ? null : backend.text());
        } else {
            String inner = backend.innerRaw();
            r.setBackendXml(inner.isEmpty() ? null : inner);
        }
        XmlNode rate = n.child("rate");
        if (rate != null) {
            r.setRateBytes(V.longAttr(rate, "bytes"));
            r.setRatePeriod(V.longAttr(rate, "period"));
        }
        common(n, r, Set.of("backend", "rate"));
        return r;
    }

    /** Alias, address, and any child this device's class does not model, kept verbatim. */
    private static void common(XmlNode n, DeviceDef d, Set<String> modelled) {
        XmlNode alias = n.child("alias");
        d.setAlias(alias == null ? null : alias.attr("name"));
        XmlNode address = n.child("address");
        if (address != null) {
            AddressDef a = new AddressDef();
            a.setType(V.requireAttr(address, "type"));
            for (Map.Entry<String, String> e : address.attributes().entrySet()) {
                if (!e.getKey().equals("type")) {
                    a.getAttributes().put(e.getKey(), e.getValue());
                }
            }
            d.setAddress(a);
        }
        for (XmlNode c : n.children()) {
            if (!modelled.contains(c.name()) && !c.name().equals("alias") && !c.name().equals("address")) {
                d.getExtraXml().add(c.raw());
            }
        }
    }
}
