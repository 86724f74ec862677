package io.vireo.driver.qemu.argv;

import io.vireo.xml.domain.CharDeviceDef;
import io.vireo.xml.domain.ControllerDef;
import io.vireo.xml.domain.DevicesDef;
import io.vireo.xml.domain.GraphicsDef;
import io.vireo.xml.domain.InputDef;
import io.vireo.xml.domain.InterfaceDef;
import io.vireo.xml.domain.ListenDef;
import io.vireo.xml.domain.MemballoonDef;
import io.vireo.xml.domain.RngDef;
import io.vireo.xml.domain.VideoDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Every device but disks, in libvirt's argv order: controllers, NICs, serial ports, inputs, display, video, balloon, RNG. */
final class DeviceArgs {
    private static final Map<String, String> NIC_MODELS = Map.of("virtio", "virtio-net-pci", "e1000", "e1000",
            "e1000e", "e1000e", "rtl8139", "rtl8139");
    /** Interface children the driver applies on the host (filters, shaping, OVS ports), not on the argv. */
    private static final Set<String> NIC_HOST_SIDE = Set.of("filterref", "bandwidth", "virtualport", "vlan", "port",
            "ip", "route", "script");
    private static final Map<String, String> VIDEO_MODELS = Map.of("vga", "VGA", "cirrus", "cirrus-vga", "bochs",
            "bochs-display", "virtio", "virtio-vga", "qxl", "qxl-vga");
    private static final Map<String, String> USB_MODELS = Map.of("qemu-xhci", "qemu-xhci", "nec-xhci",
            "nec-usb-xhci", "piix3-uhci", "piix3-usb-uhci", "ich9-ehci1", "ich9-usb-ehci1");
    /** UHCI companions of an ICH9 EHCI (virt-install's USB set for older or unknown guests). */
    private static final Map<String, String> USB_COMPANIONS = Map.of("ich9-uhci1", "ich9-usb-uhci1",
            "ich9-uhci2", "ich9-usb-uhci2", "ich9-uhci3", "ich9-usb-uhci3");
    private static final Map<String, String> VIRTIO_VARIANTS = Map.of("virtio", "", "virtio-transitional",
            "-transitional", "virtio-non-transitional", "-non-transitional");

    private DeviceArgs() {
    }

    /**
     * Controllers the board already has (PCI root, PIIX IDE on pc, ICH9 AHCI on q35) need no argument; pc
     * gets an AHCI controller when it has SATA disks; a USB controller is added when the XML declares one or
     * a USB input needs one (libvirt adds a default controller at define time; Vireo's XML layer does not).
     */
    static void controllers(Ctx ctx) {
        DevicesDef devs = ctx.def.devices();
        String usbModel = null;
        boolean usbDeclared = false;
        List<ControllerDef> companions = new ArrayList<>();
        List<ControllerDef> rootPorts = new ArrayList<>();
        boolean virtioSerial = false;
        boolean sata = devs.getDisks().stream().anyMatch(d -> "sata".equals(d.getTargetBus()));
        for (ControllerDef c : devs.getControllers()) {
            int index = c.getIndex() == null ? 0 : c.getIndex();
            String type = c.getType();
            String model = c.getModel();
            switch (type) {
                case "pci" -> {
                    String root = ctx.q35 ? "pcie-root" : "pci-root";
                    if (ctx.q35 && "pcie-root-port".equals(model)) {
                        rootPorts.add(c);
                    } else if ((c.getIndex() != null && index != 0) || (model != null && !root.equals(model))) {
                        throw Refuse.unsupported("<controller type='pci' index='%d' model='%s'> is not supported: "
                                + "only the %s of the machine and, on q35, pcie-root-port", index, model, root);
                    }
                }
                case "virtio-serial" -> {
                    if (index != 0 || virtioSerial) {
                        throw Refuse.unsupported("<controller type='virtio-serial' index='%d'> is not supported: "
                                + "only one, index 0", index);
                    }
                    virtioSerial = true;
                }
                case "ide", "fdc" -> {
                    if (index != 0 || ("ide".equals(type) && ctx.q35)) {
                        throw Refuse.unsupported("<controller type='%s' index='%d'> is not supported on machine '%s'",
                                type, index, machineFamily(ctx));
                    }
                }
                case "sata" -> {
                    if (index != 0) {
                        throw Refuse.unsupported("<controller type='sata' index='%d'> is not supported: only index 0",
                                index);
                    }
                    sata = true;
                }
                case "usb" -> {
                    if (index != 0) {
                        throw Refuse.unsupported("<controller type='usb' index='%d'> is not supported: only one USB "
                                + "controller (or one EHCI with its UHCI companions), index 0", index);
                    }
                    String m = model == null ? defaultUsb(ctx) : model;
                    if (!"none".equals(m) && !USB_MODELS.containsKey(m) && !USB_COMPANIONS.containsKey(m)) {
                        throw Refuse.unsupported("<controller type='usb' model='%s'> is not supported: only %s and none",
                                m, String.join(", ", new TreeSet<>(allUsbModels())));
                    }
                    if (USB_COMPANIONS.containsKey(m)) {
                        if (c.getMasterStartport() == null) {
                            throw Refuse.unsupported("<controller type='usb' model='%s'> needs <master startport='N'/>",
                                    m);
                        }
                        companions.add(c);
                    } else {
                        if (usbDeclared) {
                            throw Refuse.unsupported("<controller type='usb' index='0'> is declared twice");
                        }
                        usbDeclared = true;
                        usbModel = m;
                    }
                }
                default -> throw Refuse.unsupported("<controller type='%s'> is not supported", type);
            }
            Ctx.refuseExtras(c, "controller", Set.of());
        }
        if (!companions.isEmpty() && !"ich9-ehci1".equals(usbModel)) {
            throw Refuse.unsupported("<controller type='usb' model='%s'> is a companion: it needs a "
                    + "<controller type='usb' model='ich9-ehci1'> with the same index", companions.get(0).getModel());
        }
        boolean usbNeeded = devs.getInputs().stream().anyMatch(i -> "usb".equals(inputBus(i)));
        if (usbNeeded && "none".equals(usbModel)) {
            throw Refuse.unsupported("<input bus='usb'> needs a USB controller, but <controller type='usb'> has "
                    + "model 'none'");
        }
        if (!usbDeclared && usbNeeded) {
            usbModel = defaultUsb(ctx);
        }
        if (usbModel != null && !"none".equals(usbModel)) {
            Opts o = Opts.of(USB_MODELS.get(usbModel)).add("id", ctx.claim(QemuIds.USB, "controller"));
            ControllerDef declared = devs.getControllers().stream().filter(c -> "usb".equals(c.getType()))
                    .findFirst().orElse(null);
            if (declared != null && declared.getPorts() != null && usbModel.endsWith("xhci")) {
                o.add("p2", declared.getPorts()).add("p3", declared.getPorts());
            }
            ctx.add("-device", o);
            for (ControllerDef companion : companions) {
                ctx.add("-device", Opts.of(USB_COMPANIONS.get(companion.getModel()))
                        .add("masterbus", QemuIds.USB + ".0").add("firstport", companion.getMasterStartport()));
            }
        }
        if (sata && !ctx.q35) {
            ctx.add("-device", Opts.of("ahci").add("id", ctx.claim(QemuIds.AHCI, "controller")));
        }
        rootPorts(ctx, rootPorts);
        if (virtioSerial || !devs.getChannels().isEmpty()) {
            ctx.add("-device", Opts.of("virtio-serial-pci").add("id", ctx.claim(QemuIds.VIRTIO_SERIAL, "controller")));
        }
    }

    /**
     * PCIe root ports on q35, each on the root complex with its own chassis; a port without an index gets the
     * next free one (libvirt numbers them at define time), and its bus is {@code pci.INDEX}. Devices are not
     * placed behind them: QEMU puts them on the root complex, which has slots enough for what Vireo builds.
     */
    private static void rootPorts(Ctx ctx, List<ControllerDef> ports) {
        Set<Integer> taken = new TreeSet<>();
        for (ControllerDef p : ports) {
            if (p.getIndex() != null && (p.getIndex() < 1 || !taken.add(p.getIndex()))) {
                throw Refuse.unsupported("<controller type='pci' model='pcie-root-port' index='%d'> is not "
                        + "supported: indexes are 1 and up, once each", p.getIndex());
            }
        }
        int next = 1;
        for (ControllerDef p : ports) {
            int index;
            if (p.getIndex() != null) {
                index = p.getIndex();
            } else {
                while (taken.contains(next)) {
                    next++;
                }
                index = next;
                taken.add(index);
            }
            if (index > 255) {
                throw Refuse.unsupported("<controller type='pci' model='pcie-root-port' index='%d'>: at most 255",
                        index);
            }
            ctx.add("-device", Opts.of("pcie-root-port").add("port", String.format("0x%x", 0x10 + index - 1))
                    .add("chassis", index).add("id", ctx.claim("pci." + index, "controller")).add("bus", "pcie.0"));
        }
    }

    /**
     * virtio-serial channels on Unix sockets QEMU listens on ({@code <channel type='unix'>}, the guest
     * agent's kind). The driver fills in the socket path of a channel whose XML names none before it builds
     * the command line, as it shows in the live XML.
     */
    static void channels(Ctx ctx) {
        List<CharDeviceDef> channels = ctx.def.devices().getChannels();
        for (int i = 0; i < channels.size(); i++) {
            CharDeviceDef c = channels.get(i);
            String id = ctx.claim("channel" + i, "channel");
            if (!"unix".equals(c.getType())) {
                throw Refuse.unsupported("<channel type='%s'> is not supported: only unix", c.getType());
            }
            if (!"virtio".equals(c.getTargetType())) {
                throw Refuse.unsupported("<channel> %s with <target type='%s'> is not supported: only virtio", id,
                        c.getTargetType());
            }
            if (c.getSourceMode() != null && !"bind".equals(c.getSourceMode())) {
                throw Refuse.unsupported("<channel> %s with <source mode='%s'> is not supported: only bind", id,
                        c.getSourceMode());
            }
            if (c.getSourcePath() == null) {
                throw Refuse.internal("no socket path was chosen for <channel> %s", id);
            }
            Ctx.refuseExtras(c, "channel", Set.of());
            String chardev = ctx.claim(QemuIds.chardev(id), "channel");
            ctx.add("-chardev", Opts.of("socket").add("id", chardev).add("path", c.getSourcePath())
                    .add("server", "on").add("wait", "off"));
            ctx.add("-device", Opts.of("virtserialport").add("bus", QemuIds.VIRTIO_SERIAL + ".0").add("nr", i + 1)
                    .add("chardev", chardev).add("id", id).add("name", c.getTargetName()));
        }
    }

    private static Set<String> allUsbModels() {
        Set<String> all = new TreeSet<>(USB_MODELS.keySet());
        all.addAll(USB_COMPANIONS.keySet());
        return all;
    }

    private static String defaultUsb(Ctx ctx) {
        return ctx.q35 ? "qemu-xhci" : "piix3-uhci";
    }

    private static String machineFamily(Ctx ctx) {
        return ctx.q35 ? "q35" : "pc";
    }

    /**
     * ethernet and bridge interfaces both become a tap the driver prepared (created, and for a bridge attached
     * to it); QEMU only opens it by name and runs no scripts. vhost-net only when the XML asks for it
     * ({@code <driver name='vhost'/>}) and the guest runs under KVM: being explicit keeps the argv independent
     * of whether /dev/vhost-net happens to be usable.
     */
    static void interfaces(Ctx ctx) {
        List<InterfaceDef> nics = ctx.def.getInterfaces();
        for (int i = 0; i < nics.size(); i++) {
            InterfaceDef n = nics.get(i);
            String type = n.getType();
            if (!"ethernet".equals(type) && !"bridge".equals(type)) {
                throw Refuse.unsupported("<interface type='%s'> is not supported: only ethernet and bridge", type);
            }
            String id = ctx.claim(QemuIds.net(i, n), "interface");
            if (n.getMac() == null) {
                throw Refuse.internal("<interface> %s has no MAC address (the driver assigns one before start)", id);
            }
            String tap = ctx.launch.tap(i);
            if (tap == null) {
                throw Refuse.internal("no tap device was prepared for <interface> %s (MAC %s)", id, n.getMac());
            }
            String model = n.getModelType() == null ? "rtl8139" : n.getModelType();
            String device = NIC_MODELS.get(model);
            if (device == null) {
                throw Refuse.unsupported("<model type='%s'> of <interface> %s is not supported: only %s", model, id,
                        String.join(", ", new TreeSet<>(NIC_MODELS.keySet())));
            }
            String driver = n.getDriverName();
            if (driver != null && !"vhost".equals(driver) && !"qemu".equals(driver)) {
                throw Refuse.unsupported("<driver name='%s'> of <interface> %s is not supported: only vhost and qemu",
                        driver, id);
            }
            boolean vhost = "vhost".equals(driver);
            if (vhost && (!ctx.kvm || !"virtio".equals(model))) {
                throw Refuse.unsupported("<driver name='vhost'> of <interface> %s needs model virtio under KVM", id);
            }
            if (n.getDriverQueues() != null && n.getDriverQueues() > 1) {
                throw Refuse.unsupported("<driver queues='%d'> of <interface> %s is not supported: multiqueue taps "
                        + "are not prepared", n.getDriverQueues(), id);
            }
            if (n.getMtu() != null && !"virtio".equals(model)) {
                throw Refuse.unsupported("<mtu> of <interface> %s needs model virtio", id);
            }
            Ctx.refuseExtras(n, "interface", NIC_HOST_SIDE);
            String netdev = ctx.claim(QemuIds.netdev(id), "interface");
            ctx.add("-netdev", Opts.of("tap")
                    .add("id", netdev)
                    .add("ifname", tap)
                    .add("script", "no")
                    .add("downscript", "no")
                    .add("vhost", Opts.onOff(vhost)));
            ctx.add("-device", Opts.of(device)
                    .add("netdev", netdev)
                    .add("id", id)
                    .add("mac", n.getMac())
                    .add("host_mtu", n.getMtu())
                    .add("bootindex", n.getBootOrder()));
        }
    }

    /**
     * Serial ports. Whatever the XML's source type, QEMU gets a listening Unix socket the daemon connects to
     * (for virt:console, and to keep the port drained); a pty would tie the console to one reader and could
     * not be reattached after a daemon restart. What the XML asked to be kept on disk goes to {@code logfile}:
     * the {@code <log file>} of a pty port, or the {@code <source path>} of a file port.
     *
     * <p>A {@code <console>} with a serial target is libvirt's second name for serial0: it adds nothing when
     * serial ports exist, and becomes serial0 when the domain has none.
     */
    static void serials(Ctx ctx) {
        DevicesDef devs = ctx.def.devices();
        List<CharDeviceDef> ports = new ArrayList<>(devs.getSerials());
        List<CharDeviceDef> consoles = devs.getConsoles();
        for (int i = 0; i < consoles.size(); i++) {
            CharDeviceDef c = consoles.get(i);
            String targetType = c.getTargetType() == null ? "serial" : c.getTargetType();
            if (!"serial".equals(targetType)) {
                throw Refuse.unsupported("<console> with <target type='%s'> is not supported: only serial",
                        targetType);
            }
            if (i > 0) {
                throw Refuse.unsupported("a second <console> is not supported: the console is serial0");
            }
            if (ports.isEmpty()) {
                ports.add(c);
            }
        }
        if (!devs.getParallels().isEmpty()) {
            throw Refuse.unsupported("<parallel type='%s'> is not supported", devs.getParallels().get(0).getType());
        }
        for (int i = 0; i < ports.size(); i++) {
            CharDeviceDef s = ports.get(i);
            String id = ctx.claim(QemuIds.serial(i), "serial");
            String logfile;
            String logappend;
            switch (s.getType()) {
                case "pty" -> {
                    logfile = s.getLogFile() != null ? s.getLogFile() : ctx.launch.serialLog(i);
                    logappend = "on".equals(s.getLogAppend()) ? "on" : "off";
                }
                case "file" -> {
                    if (s.getLogFile() != null) {
                        throw Refuse.unsupported("<serial type='file'> %s cannot also have a <log>: its source file "
                                + "is the log", id);
                    }
                    logfile = s.getSourcePath();
                    logappend = "on".equals(s.getSourceAppend()) ? "on" : "off";
                }
                default -> throw Refuse.unsupported("<serial type='%s'> is not supported: only pty and file",
                        s.getType());
            }
            String socket = ctx.launch.serialSocket(i);
            if (socket == null) {
                throw Refuse.internal("no socket path was chosen for serial port %s", id);
            }
            String targetType = s.getTargetType() == null ? "isa-serial" : s.getTargetType();
            String device = switch (targetType) {
                case "isa-serial", "serial" -> "isa-serial";
                case "pci-serial" -> "pci-serial";
                default -> throw Refuse.unsupported("<serial> %s with <target type='%s'> is not supported: only "
                        + "isa-serial and pci-serial", id, targetType);
            };
            if (s.getTargetModel() != null && !s.getTargetModel().equals(device)) {
                throw Refuse.unsupported("<serial> %s with target <model name='%s'> is not supported", id,
                        s.getTargetModel());
            }
            Integer index = null;
            if ("isa-serial".equals(device)) {
                index = s.getTargetPort() == null ? i : s.getTargetPort();
                if (index < 0 || index > 3) {
                    throw Refuse.unsupported("<serial> %s at <target port='%d'>: an ISA serial port is 0-3", id, index);
                }
            }
            Ctx.refuseExtras(s, "serial", Set.of());
            String chardev = ctx.claim(QemuIds.chardev(id), "serial");
            ctx.add("-chardev", Opts.of("socket")
                    .add("id", chardev)
                    .add("path", socket)
                    .add("server", "on")
                    .add("wait", "off")
                    .add("logfile", logfile)
                    .add("logappend", logfile == null ? null : logappend));
            ctx.add("-device", Opts.of(device).add("chardev", chardev).add("id", id).add("index", index));
        }
    }

    /** PS/2 mouse and keyboard are on every x86 board and need no argument; USB and virtio inputs are devices. */
    static void inputs(Ctx ctx) {
        List<InputDef> inputs = ctx.def.devices().getInputs();
        for (int i = 0; i < inputs.size(); i++) {
            InputDef in = inputs.get(i);
            String bus = inputBus(in);
            String type = in.getType();
            Ctx.refuseExtras(in, "input", Set.of());
            if ("ps2".equals(bus) && ("mouse".equals(type) || "keyboard".equals(type))) {
                continue;
            }
            String device = switch (bus + "/" + type) {
                case "usb/tablet" -> "usb-tablet";
                case "usb/mouse" -> "usb-mouse";
                case "usb/keyboard" -> "usb-kbd";
                case "virtio/tablet" -> "virtio-tablet-pci";
                case "virtio/mouse" -> "virtio-mouse-pci";
                case "virtio/keyboard" -> "virtio-keyboard-pci";
                default -> throw Refuse.unsupported("<input type='%s' bus='%s'> is not supported", type, bus);
            };
            Opts o = Opts.of(device).add("id", ctx.claim(QemuIds.input(i), "input"));
            if ("usb".equals(bus)) {
                o.add("bus", QemuIds.USB + ".0");
            }
            ctx.add("-device", o);
        }
    }

    /** libvirt's default buses: a tablet is USB, a mouse or keyboard PS/2. */
    private static String inputBus(InputDef in) {
        if (in.getBus() != null) {
            return in.getBus();
        }
        return "tablet".equals(in.getType()) ? "usb" : "ps2";
    }

    /**
     * One VNC display, or {@code -display none}. The display number is the port minus 5900; autoport takes
     * the port the driver reserved. A password is not on the command line: {@code password=on} makes QEMU
     * refuse clients until the driver sets it over QMP (set_password) before the guest runs.
     */
    static void graphics(Ctx ctx) {
        List<GraphicsDef> all = ctx.def.devices().getGraphics();
        if (all.isEmpty()) {
            ctx.add("-display", "none");
            return;
        }
        if (all.size() > 1) {
            throw Refuse.unsupported("more than one <graphics> is not supported");
        }
        GraphicsDef g = all.get(0);
        if (!"vnc".equals(g.getType())) {
            throw Refuse.unsupported("<graphics type='%s'> is not supported: only vnc", g.getType());
        }
        Ctx.refuseExtras(g, "graphics", Set.of());
        String listen = g.getListen();
        boolean none = false;
        if (!g.getListens().isEmpty()) {
            if (g.getListens().size() > 1) {
                throw Refuse.unsupported("more than one <listen> in <graphics type='vnc'> is not supported");
            }
            ListenDef l = g.getListens().get(0);
            String type = l.getType() == null ? "address" : l.getType();
            switch (type) {
                case "address" -> listen = l.getAddress() != null ? l.getAddress() : listen;
                case "none" -> none = true;
                default -> throw Refuse.unsupported("<listen type='%s'> in <graphics type='vnc'> is not supported: "
                        + "only address and none", type);
            }
        }
        Opts o;
        if (none) {
            o = Opts.of("none");
        } else {
            int port;
            boolean auto = Boolean.TRUE.equals(g.getAutoport()) || g.getPort() == null || g.getPort() == -1;
            if (auto) {
                port = ctx.launch.vncPort();
                if (port < 5900) {
                    throw Refuse.internal("no VNC port was reserved for <graphics type='vnc' autoport='yes'>");
                }
            } else {
                port = g.getPort();
                if (port < 5900 || port > 65535) {
                    throw Refuse.unsupported("<graphics type='vnc' port='%d'>: a VNC port is 5900-65535", port);
                }
            }
            String host = listen == null ? "127.0.0.1" : listen;
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            o = Opts.of(host + ":" + (port - 5900));
        }
        if (g.getWebsocket() != null) {
            if (g.getWebsocket() < 1) {
                throw Refuse.unsupported("<graphics type='vnc' websocket='%d'>: only a fixed websocket port is "
                        + "supported", g.getWebsocket());
            }
            o.add("websocket", g.getWebsocket());
        }
        o.add("password", g.getPasswd() == null ? null : "on");
        ctx.add("-vnc", o);
        if (g.getKeymap() != null) {
            ctx.add("-k", g.getKeymap());
        }
    }

    /** The primary video card; a VNC display without a {@code <video>} gets VGA, libvirt's default. */
    static void video(Ctx ctx) {
        List<VideoDef> videos = ctx.def.devices().getVideos();
        if (videos.isEmpty()) {
            if (!ctx.def.devices().getGraphics().isEmpty()) {
                ctx.add("-device", Opts.of("VGA").add("id", ctx.claim(QemuIds.video(0), "video")));
            }
            return;
        }
        if (videos.size() > 1) {
            throw Refuse.unsupported("more than one <video> is not supported");
        }
        VideoDef v = videos.get(0);
        String model = v.getModelType() == null ? "vga" : v.getModelType();
        Ctx.refuseExtras(v, "video", Set.of());
        if ("none".equals(model)) {
            return;
        }
        String device = VIDEO_MODELS.get(model);
        if (device == null) {
            throw Refuse.unsupported("<video> <model type='%s'> is not supported: only %s and none", model,
                    String.join(", ", new TreeSet<>(VIDEO_MODELS.keySet())));
        }
        if (Boolean.TRUE.equals(v.getAccel3d())) {
            throw Refuse.unsupported("<video> <acceleration accel3d='yes'> is not supported");
        }
        Opts o = Opts.of(device).add("id", ctx.claim(QemuIds.video(0), "video"));
        if ("VGA".equals(device) && v.getVgamem() != null) {
            o.add("vgamem_mb", Math.max(1, v.getVgamem() / 1024));
        }
        ctx.add("-device", o);
    }

    /**
     * libvirt gives every QEMU guest a virtio balloon unless the XML says model 'none', so a missing
     * {@code <memballoon>} means virtio here too. The stats period is set over QMP after start.
     */
    static void memballoon(Ctx ctx) {
        MemballoonDef m = ctx.def.devices().getMemballoon();
        String model = m == null ? "virtio" : m.getModel();
        if ("none".equals(model)) {
            return;
        }
        String variant = VIRTIO_VARIANTS.get(model);
        if (variant == null) {
            throw Refuse.unsupported("<memballoon model='%s'> is not supported: only virtio and none", model);
        }
        Opts o = Opts.of("virtio-balloon-pci" + variant).add("id", ctx.claim(QemuIds.BALLOON, "memballoon"));
        if (m != null) {
            Ctx.refuseExtras(m, "memballoon", Set.of());
            o.add("deflate-on-oom", m.getAutodeflate() == null ? null : Opts.onOff(m.getAutodeflate()));
            o.add("free-page-reporting", m.getFreePageReporting() == null ? null : Opts.onOff(m.getFreePageReporting()));
        }
        ctx.add("-device", o);
    }

    /** virtio RNGs fed from a host file (/dev/urandom unless the XML names another) or QEMU's built-in source. */
    static void rngs(Ctx ctx) {
        List<RngDef> rngs = ctx.def.devices().getRngs();
        for (int i = 0; i < rngs.size(); i++) {
            RngDef r = rngs.get(i);
            String id = ctx.claim(QemuIds.rng(i, r), "rng");
            String variant = VIRTIO_VARIANTS.get(r.getModel());
            if (variant == null) {
                throw Refuse.unsupported("<rng model='%s'> is not supported: only virtio", r.getModel());
            }
            Ctx.refuseExtras(r, "rng", Set.of());
            String object = ctx.claim(QemuIds.rngObject(id), "rng");
            switch (r.getBackendModel()) {
                case "random" -> ctx.add("-object", Opts.of("rng-random").add("id", object)
                        .add("filename", r.getBackendPath() == null ? "/dev/urandom" : r.getBackendPath()));
                case "builtin" -> ctx.add("-object", Opts.of("rng-builtin").add("id", object));
                default -> throw Refuse.unsupported("<rng> <backend model='%s'> is not supported: only random and "
                        + "builtin", r.getBackendModel());
            }
            Long period = r.getRateBytes() == null ? null : r.getRatePeriod() == null ? 1000L : r.getRatePeriod();
            ctx.add("-device", Opts.of("virtio-rng-pci" + variant)
                    .add("rng", object)
                    .add("id", id)
                    .add("max-bytes", r.getRateBytes())
                    .add("period", period));
        }
    }
}
