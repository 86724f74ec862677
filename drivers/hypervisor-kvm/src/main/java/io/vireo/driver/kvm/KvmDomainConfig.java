package io.vireo.driver.kvm;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.driver.support.domain.GuestPaths;
import io.vireo.kvm.vmm.api.VmConfig;
import io.vireo.xml.domain.CharDeviceDef;
import io.vireo.xml.domain.ClockDef;
import io.vireo.xml.domain.ControllerDef;
import io.vireo.xml.domain.DevicesDef;
import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.InputDef;
import io.vireo.xml.domain.InterfaceDef;
import io.vireo.xml.domain.OsDef;
import io.vireo.xml.domain.RngDef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a domain definition means to the Vireo VMM: the defaults the kvm driver fills in (libvirt's
 * post-parse), what it refuses because the VMM cannot do it yet, and the VMM arguments a definition
 * becomes. Pure functions of the definition, so every rule is unit-tested without a guest.
 *
 * <p>The VMM is a small x86_64 machine booted straight into a Linux kernel: RAM below 2 GiB, up to 64
 * vCPUs, one 16550 serial port (COM1), an i8042 keyboard controller (reset and Ctrl-Alt-Del), an RTC in
 * UTC, and nothing on PCI; virtio-mmio disks (raw image files), network interfaces on taps, an entropy
 * device and a memory balloon. No firmware, no display.
 */
final class KvmDomainConfig {
    static final String ARCH = "x86_64";
    static final int MIN_MEMORY_MIB = 16;
    static final int MAX_MEMORY_MIB = 2047;
    static final int MAX_VCPUS = 64;
    /** The only serial port the VMM has, and the console the driver serves. */
    static final String SERIAL_ALIAS = "serial0";
    static final String CONSOLE_ALIAS = "console0";
    /** Longest Unix socket path the kernel accepts (sun_path is 108 bytes, with its terminating NUL). */
    static final int MAX_SOCKET_PATH = 107;

    /** virtio-mmio slots the VMM has (one interrupt line each): disks + rng + balloon. */
    static final int MAX_VIRTIO_DEVICES = 9;
    private static final Pattern VIRTIO_DISK_NAME = Pattern.compile("vd[a-z]{1,2}");
    private static final Pattern TAP_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    /** Tap names libvirt generates, which a definition cannot keep for a bridge interface. */
    private static final Pattern NETNS_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,255}");
    private static final Pattern GENERATED_TAP = Pattern.compile("vnet|vif|macvtap|macvlan");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    private static final Pattern DISK_SERIAL = Pattern.compile("[\\x21-\\x7e&&[^,]]{1,20}");

    private static final Set<String> SERIAL_TYPES = Set.of("pty", "file", "null");
    private static final Pattern ELEMENT = Pattern.compile("^\\s*<([A-Za-z_][A-Za-z0-9_.:-]*)");

    private KvmDomainConfig() {
    }

    private static VirtException unsupported(String format, Object... args) {
        return VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, format, args);
    }

    /**
     * Fills in the kvm driver's defaults and refuses what the VMM cannot run. {@code emulator} is the VMM
     * launcher, named in messages as libvirt names the emulator.
     */
    static void complete(DomainDef def, String emulator) {
        if (!"kvm".equals(def.getType())) {
            throw unsupported("Emulator '%s' does not support virt type '%s'", emulator, def.getType());
        }
        completeOs(def, emulator);
        completeMemoryAndCpus(def);
        completeLifecycle(def);
        ClockDef clock = def.getClock();
        if (clock == null) {
            clock = new ClockDef();
            def.setClock(clock);
        }
        if (clock.getOffset() == null) {
            clock.setOffset("utc");
        }
        if (!"utc".equals(clock.getOffset())) {
            throw unsupported("clock offset '%s' is not supported by the kvm driver: the guest's RTC runs in UTC",
                    clock.getOffset());
        }
        completeDevices(def.devices());
        netns(def);
    }

    private static void completeOs(DomainDef def, String emulator) {
        OsDef os = def.os();
        if (!"hvm".equals(os.getType())) {
            throw unsupported("Emulator '%s' does not support os type '%s'", emulator, os.getType());
        }
        if (os.getArch() == null) {
            os.setArch(ARCH);
        }
        if (!ARCH.equals(os.getArch())) {
            throw unsupported("could not find capabilities for arch=%s domaintype=kvm", os.getArch());
        }
        if (os.getLoader() != null || os.getFirmware() != null || os.getNvram() != null) {
            throw unsupported("<loader> and firmware are not supported by the kvm driver: it boots <kernel> directly");
        }
        if (os.getKernel() == null || os.getKernel().isBlank()) {
            throw unsupported("the kvm driver boots a kernel directly: <os><kernel> is required");
        }
        if (os.getDtb() != null) {
            throw unsupported("<dtb> is not supported by the kvm driver on x86_64");
        }
    }

    private static void completeMemoryAndCpus(DomainDef def) {
        if (def.getMaxMemoryKiB() != null) {
            throw unsupported("<maxMemory> is not supported by the kvm driver: no memory hotplug");
        }
        long mib = memoryMib(def);
        if (mib > MAX_MEMORY_MIB) {
            throw unsupported("<memory> of %d MiB is more than the kvm driver's maximum of %d MiB", mib,
                    MAX_MEMORY_MIB);
        }
        if (mib < MIN_MEMORY_MIB) {
            throw unsupported("<memory> of %d MiB is less than the kvm driver's minimum of %d MiB", mib,
                    MIN_MEMORY_MIB);
        }
        if (def.getCurrentMemoryKiB() == null || def.getCurrentMemoryKiB() > def.getMemoryKiB()) {
            def.setCurrentMemoryKiB(def.getMemoryKiB());
        }
        if (def.getMaxVcpus() > MAX_VCPUS) {
            throw unsupported("Maximum CPUs greater than specified machine type limit %d", MAX_VCPUS);
        }
    }

    /** The guest RAM in MiB, {@code <memory>} rounded up (the VMM maps whole MiB). */
    static long memoryMib(DomainDef def) {
        return (def.getMemoryKiB() + 1023) / 1024;
    }

    private static void completeLifecycle(DomainDef def) {
        if (def.getOnPoweroff() == null) {
            def.setOnPoweroff("destroy");
        }
        if (def.getOnReboot() == null) {
            def.setOnReboot("restart");
        }
        if (def.getOnCrash() == null) {
            def.setOnCrash("destroy");
        }
        if (!def.getOnReboot().equals("restart") && !def.getOnReboot().equals("destroy")) {
            throw unsupported("kvm driver doesn't support the '%s' action for 'on_reboot'", def.getOnReboot());
        }
        if (!def.getOnPoweroff().equals("destroy")) {
            throw unsupported("kvm driver doesn't support the '%s' action for 'on_poweroff'", def.getOnPoweroff());
        }
    }

    private static void completeDevices(DevicesDef d) {
        for (DiskDef disk : d.getDisks()) {
            completeDisk(disk);
        }
        for (InterfaceDef i : d.getInterfaces()) {
            completeInterface(i);
        }
        if (!d.getGraphics().isEmpty()) {
            throw unsupported("<graphics> devices are not supported by the kvm driver: it has no display, "
                    + "use the serial console");
        }
        if (!d.getVideos().isEmpty()) {
            throw unsupported("<video> devices are not supported by the kvm driver: it has no display");
        }
        if (!d.getParallels().isEmpty()) {
            throw unsupported("<parallel> devices are not supported by the kvm driver");
        }
        if (!d.getChannels().isEmpty()) {
            throw unsupported("<channel> devices are not supported by the kvm driver yet");
        }
        if (d.getRngs().size() > 1) {
            throw unsupported("only one <rng> device is supported by the kvm driver, not %d", d.getRngs().size());
        }
        for (RngDef r : d.getRngs()) {
            if (!"virtio".equals(r.getModel())) {
                throw unsupported("<rng> model '%s' is not supported by the kvm driver: only 'virtio'", r.getModel());
            }
            boolean urandom = "random".equals(r.getBackendModel())
                    && (r.getBackendPath() == null || "/dev/urandom".equals(r.getBackendPath()));
            if (!urandom || r.getRateBytes() != null) {
                throw unsupported("<rng> backend: the kvm driver feeds the guest from /dev/urandom only "
                        + "(<backend model='random'>/dev/urandom</backend>, no <rate>)");
            }
            if (r.getBackendPath() == null) {
                r.setBackendPath("/dev/urandom");
            }
        }
        if (d.getMemballoon() != null && !"none".equals(d.getMemballoon().getModel())
                && !"virtio".equals(d.getMemballoon().getModel())) {
            throw unsupported("<memballoon> model '%s' is not supported by the kvm driver: only 'virtio' and 'none'",
                    d.getMemballoon().getModel());
        }
        int virtio = d.getDisks().size() + d.getInterfaces().size() + d.getRngs().size() + (hasBalloon(d) ? 1 : 0);
        if (virtio > MAX_VIRTIO_DEVICES) {
            throw unsupported("%d virtio devices (disks, interfaces, rng, memballoon): the kvm driver has room for %d",
                    virtio,
                    MAX_VIRTIO_DEVICES);
        }
        for (ControllerDef c : d.getControllers()) {
            boolean pciRoot = "pci".equals(c.getType()) && (c.getModel() == null || "pci-root".equals(c.getModel()));
            boolean noUsb = "usb".equals(c.getType()) && "none".equals(c.getModel());
            if (!pciRoot && !noUsb) {
                throw unsupported("<controller type='%s'%s> is not supported by the kvm driver", c.getType(),
                        c.getModel() == null ? "" : " model='" + c.getModel() + "'");
            }
        }
        for (InputDef i : d.getInputs()) {
            // The i8042 is there: PS/2 keyboard and mouse describe it; anything else would need a bus it lacks.
            boolean ps2 = "ps2".equals(i.getBus()) || i.getBus() == null;
            if (!ps2 || !("keyboard".equals(i.getType()) || "mouse".equals(i.getType()))) {
                throw unsupported("<input type='%s' bus='%s'> is not supported by the kvm driver: only PS/2",
                        i.getType(), i.getBus());
            }
        }
        for (String other : d.getOtherXml()) {
            Matcher m = ELEMENT.matcher(other);
            String name = m.find() ? m.group(1) : "unknown";
            throw unsupported("<%s> devices are not supported by the kvm driver", name);
        }
        completeSerial(d);
    }

    static boolean hasBalloon(DevicesDef d) {
        return d.getMemballoon() != null && "virtio".equals(d.getMemballoon().getModel());
    }

    /**
     * A virtio NIC on a tap, in the guest's network namespace ({@link #netns}). {@code type='ethernet'}: the tap
     * {@code <target dev>} names, opened if it exists (its host side is the host's business) and else made by the
     * VMM. {@code type='bridge'}: a new tap, made by the VMM as a port of {@code <source bridge>}, up. Without a
     * {@code <target dev>} the driver names the tap vnetN at start; as libvirt, a bridge interface's target in
     * the names it generates (vnet, vif, macvtap, macvlan) is dropped at define. A MAC is generated as libvirt
     * does (52:54:00:xx:xx:xx) when absent.
     */
    private static void completeInterface(InterfaceDef i) {
        boolean bridge = "bridge".equals(i.getType());
        if (!"ethernet".equals(i.getType()) && !bridge) {
            throw unsupported("<interface type='%s'> is not supported by the kvm driver yet: only 'ethernet' (a tap) "
                    + "and 'bridge'", i.getType());
        }
        if (bridge && (i.getSourceBridge() == null || !TAP_NAME.matcher(i.getSourceBridge()).matches())) {
            throw unsupported("<interface type='bridge'> needs <source bridge='NAME'/>, an interface name of 1-15 "
                    + "characters (letters, digits, '_', '.', '-'), not '%s'", i.getSourceBridge());
        }
        if (bridge && i.getTargetDev() != null && GENERATED_TAP.matcher(i.getTargetDev()).lookingAt()) {
            i.setTargetDev(null);
        }
        if (i.getTargetDev() != null && !TAP_NAME.matcher(i.getTargetDev()).matches()) {
            throw unsupported("<interface> <target dev='%s'>: a tap name has 1-15 characters (letters, digits, '_', "
                    + "'.', '-')", i.getTargetDev());
        }
        if (i.getModelType() == null) {
            i.setModelType("virtio");
        }
        if (!"virtio".equals(i.getModelType())) {
            throw unsupported("<interface> model '%s' is not supported by the kvm driver: only 'virtio'",
                    i.getModelType());
        }
        if (i.getDriverQueues() != null && i.getDriverQueues() > 1) {
            throw unsupported("<interface> with %d queues: the kvm driver's virtio-net has one", i.getDriverQueues());
        }
        if (i.getMtu() != null || (i.getLinkState() != null && !"up".equals(i.getLinkState()))) {
            throw unsupported("<interface> <mtu> and link state down are not supported by the kvm driver");
        }
        if (i.getMac() == null) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            i.setMac(String.format("52:54:00:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256)));
        }
        if (!MAC.matcher(i.getMac()).matches() || (Integer.parseInt(i.getMac().substring(0, 2), 16) & 1) != 0) {
            throw unsupported("<mac address='%s'> is not a unicast MAC address", i.getMac());
        }
    }

    /** A virtio disk backed by a raw image file: what the VMM's virtio-blk serves. */
    private static void completeDisk(DiskDef disk) {
        String name = disk.getTargetDev();
        if (!"file".equals(disk.getType())) {
            throw unsupported("<disk type='%s'> '%s' is not supported by the kvm driver: only type 'file'",
                    disk.getType(), name);
        }
        if (disk.getDevice() != null && !"disk".equals(disk.getDevice())) {
            throw unsupported("<disk device='%s'> '%s' is not supported by the kvm driver: only device 'disk'",
                    disk.getDevice(), name);
        }
        if (disk.getSourceFile() == null || disk.getSourceFile().isBlank()) {
            throw unsupported("disk '%s' needs <source file='...'>: the kvm driver has no empty drives", name);
        }
        if (disk.getTargetBus() == null) {
            disk.setTargetBus("virtio");
        }
        if (!"virtio".equals(disk.getTargetBus())) {
            throw unsupported("disk bus '%s' is not supported by the kvm driver: only 'virtio'", disk.getTargetBus());
        }
        if (name == null || !VIRTIO_DISK_NAME.matcher(name).matches()) {
            throw unsupported("disk target '%s' is not a virtio disk name (vda, vdb, ...)", name);
        }
        if (disk.getDriverType() == null) {
            disk.setDriverType("raw");
        }
        if (!"raw".equals(disk.getDriverType())) {
            throw unsupported("disk '%s': format '%s' is not supported by the kvm driver yet: only 'raw'", name,
                    disk.getDriverType());
        }
        if (disk.getSerial() != null && !DISK_SERIAL.matcher(disk.getSerial()).matches()) {
            throw unsupported("disk '%s': <serial> must be 1-20 printable characters without commas", name);
        }
        if (disk.isShareable()) {
            throw unsupported("disk '%s': <shareable/> is not supported by the kvm driver", name);
        }
    }

    /**
     * The VMM always has COM1, so a definition always shows it: a serial port of type pty (whose console
     * the driver serves) when there is none, and libvirt's compatibility console on it.
     */
    private static void completeSerial(DevicesDef d) {
        List<CharDeviceDef> serials = d.getSerials();
        List<CharDeviceDef> consoles = d.getConsoles();
        if (serials.size() > 1) {
            throw unsupported("only one <serial> port is supported by the kvm driver, not %d", serials.size());
        }
        if (consoles.size() > 1) {
            throw unsupported("only one <console> is supported by the kvm driver, not %d", consoles.size());
        }
        for (CharDeviceDef c : consoles) {
            if (c.getTargetType() == null) {
                c.setTargetType("serial");
            }
            if (!"serial".equals(c.getTargetType())) {
                throw unsupported("<console> target type '%s' is not supported by the kvm driver: only 'serial'",
                        c.getTargetType());
            }
            if (c.getTargetPort() == null) {
                c.setTargetPort(0);
            }
        }
        if (serials.isEmpty()) {
            CharDeviceDef s = new CharDeviceDef();
            s.setType(consoles.isEmpty() ? "pty" : consoles.get(0).getType());
            s.setSourcePath(consoles.isEmpty() ? null : consoles.get(0).getSourcePath());
            s.setLogFile(consoles.isEmpty() ? null : consoles.get(0).getLogFile());
            serials.add(s);
        }
        CharDeviceDef serial = serials.get(0);
        if (!SERIAL_TYPES.contains(serial.getType())) {
            throw unsupported("<serial type='%s'> is not supported by the kvm driver: only pty, file and null",
                    serial.getType());
        }
        if (serial.getTargetType() == null) {
            serial.setTargetType("isa-serial");
        }
        if (!"isa-serial".equals(serial.getTargetType())) {
            throw unsupported("<serial> target type '%s' is not supported by the kvm driver: only 'isa-serial'",
                    serial.getTargetType());
        }
        if (serial.getTargetPort() == null) {
            serial.setTargetPort(0);
        }
        if (serial.getTargetPort() != 0) {
            throw unsupported("<serial> port %d is not supported by the kvm driver: only port 0 (COM1)",
                    serial.getTargetPort());
        }
        if (serial.getTargetModel() == null) {
            serial.setTargetModel("isa-serial");
        }
        if (serial.getLogFile() != null && "file".equals(serial.getType())
                && !serial.getLogFile().equals(serial.getSourcePath())) {
            throw unsupported("<serial type='file'> with a <log> file: the kvm driver writes one file per serial port");
        }
        for (CharDeviceDef c : consoles) {
            if (c.getTargetPort() != 0) {
                throw unsupported("<console> on serial port %d: the kvm driver has only port 0", c.getTargetPort());
            }
        }
        if (consoles.isEmpty()) {
            CharDeviceDef c = new CharDeviceDef();
            c.setType(serial.getType());
            c.setSourcePath(serial.getSourcePath());
            c.setTargetType("serial");
            c.setTargetPort(0);
            consoles.add(c);
        }
    }

    /** Names the serial port and console as the live definition shows them while the guest runs. */
    static void assignAliases(DomainDef live) {
        for (CharDeviceDef s : live.devices().getSerials()) {
            s.setAlias(SERIAL_ALIAS);
        }
        for (CharDeviceDef c : live.devices().getConsoles()) {
            c.setAlias(CONSOLE_ALIAS);
        }
    }

    /** The file the guest's serial output is written to: {@code <serial type='file'>}'s source, or its {@code <log>}. */
    static Path serialLog(DomainDef def) {
        for (CharDeviceDef s : def.devices().getSerials()) {
            if ("file".equals(s.getType()) && s.getSourcePath() != null) {
                return Path.of(s.getSourcePath());
            }
            if (s.getLogFile() != null) {
                return Path.of(s.getLogFile());
            }
        }
        return null;
    }

    /**
     * The network namespace the domain's taps live in, from Vireo's kvm metadata
     * ({@code <metadata><vireo:kvm xmlns:vireo='http://vireo.io/xmlns/kvm/1.0'><vireo:netns name='NS'/>}); null
     * when the definition names none.
     */
    static String netns(DomainDef def) {
        String name = KvmMetadata.netns(def.getMetadataXml());
        if (name != null && (!NETNS_NAME.matcher(name).matches() || name.matches("\\.+"))) {
            throw unsupported("<vireo:netns name='%s'>: a network namespace name as 'ip netns' keeps it in /run/netns "
                    + "(letters, digits, '_', '.', '-')", name);
        }
        return name;
    }

    /** The VMM process configuration for {@code def}, a definition {@link #complete} accepted, its taps started. */
    static VmConfig vmConfig(DomainDef def, GuestPaths paths) {
        return vmConfig(def, paths, netns(def));
    }

    /** As {@link #vmConfig(DomainDef, GuestPaths)}, the taps in network namespace {@code netns} (null: the VMM's). */
    static VmConfig vmConfig(DomainDef def, GuestPaths paths, String netns) {
        OsDef os = def.os();
        String cmdline = os.getCmdline() == null ? VmConfig.DEFAULT_CMDLINE : os.getCmdline();
        List<VmConfig.Nic> nics = new ArrayList<>();
        for (InterfaceDef i : def.devices().getInterfaces()) {
            nics.add(new VmConfig.Nic(i.getTargetDev(), i.getMac().toLowerCase(), netns,
                    "bridge".equals(i.getType()) ? i.getSourceBridge() : null));
        }
        List<VmConfig.Disk> disks = new ArrayList<>();
        for (DiskDef d : def.devices().getDisks()) {
            disks.add(new VmConfig.Disk(Path.of(d.getSourceFile()), d.isReadonly(), d.getSerial()));
        }
        return new VmConfig(Path.of(os.getKernel()), os.getInitrd() == null ? null : Path.of(os.getInitrd()), cmdline,
                (int) memoryMib(def), def.getVcpus(), serialLog(def), paths.monitorSocket(),
                "socket:" + paths.consoleSocket(0), "restart".equals(def.getOnReboot()), disks,
                !def.devices().getRngs().isEmpty(), hasBalloon(def.devices()), nics);
    }

    /** The command that starts the VMM: the launcher's words, then the VMM's arguments. */
    static List<String> argv(List<String> launcher, VmConfig config) {
        List<String> argv = new ArrayList<>(launcher);
        argv.addAll(config.toArgs());
        return argv;
    }
}
