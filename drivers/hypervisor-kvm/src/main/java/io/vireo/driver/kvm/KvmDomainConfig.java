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
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.InputDef;
import io.vireo.xml.domain.OsDef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a domain definition means to the Vireo VMM: the defaults the kvm driver fills in (libvirt's
 * post-parse), what it refuses because the VMM cannot do it yet, and the VMM arguments a definition
 * becomes. Pure functions of the definition, so every rule is unit-tested without a guest.
 *
 * <p>The VMM is a small x86_64 machine booted straight into a Linux kernel: RAM below 2 GiB, up to 64
 * vCPUs, one 16550 serial port (COM1), an i8042 keyboard controller (reset and Ctrl-Alt-Del), an RTC in
 * UTC, and nothing on PCI. No firmware, no disks, no network, no display.
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
        if (!d.getDisks().isEmpty()) {
            throw unsupported("<disk> devices are not supported by the kvm driver yet (disk '%s')",
                    d.getDisks().get(0).getTargetDev());
        }
        if (!d.getInterfaces().isEmpty()) {
            throw unsupported("<interface> devices are not supported by the kvm driver yet");
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
        if (!d.getRngs().isEmpty()) {
            throw unsupported("<rng> devices are not supported by the kvm driver yet");
        }
        if (d.getMemballoon() != null && !"none".equals(d.getMemballoon().getModel())) {
            throw unsupported("<memballoon> model '%s' is not supported by the kvm driver: only model 'none'",
                    d.getMemballoon().getModel());
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

    /** The VMM process configuration for {@code def}, a definition {@link #complete} accepted. */
    static VmConfig vmConfig(DomainDef def, GuestPaths paths) {
        OsDef os = def.os();
        String cmdline = os.getCmdline() == null ? VmConfig.DEFAULT_CMDLINE : os.getCmdline();
        return new VmConfig(Path.of(os.getKernel()), os.getInitrd() == null ? null : Path.of(os.getInitrd()), cmdline,
                (int) memoryMib(def), def.getVcpus(), serialLog(def), paths.monitorSocket(),
                "socket:" + paths.consoleSocket(0), "restart".equals(def.getOnReboot()));
    }

    /** The command that starts the VMM: the launcher's words, then the VMM's arguments. */
    static List<String> argv(List<String> launcher, VmConfig config) {
        List<String> argv = new ArrayList<>(launcher);
        argv.addAll(config.toArgs());
        return argv;
    }
}
