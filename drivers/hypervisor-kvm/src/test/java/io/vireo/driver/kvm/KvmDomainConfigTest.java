package io.vireo.driver.kvm;

import io.vireo.api.ErrorCode;
import io.vireo.api.VirtException;
import io.vireo.driver.support.domain.GuestPaths;
import io.vireo.kvm.vmm.api.VmConfig;
import io.vireo.xml.VireoXml;
import io.vireo.xml.domain.CharDeviceDef;
import io.vireo.xml.domain.DomainDef;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KvmDomainConfigTest {
    private static final String EMULATOR = "/opt/vireo/bin/vireo-vmm";
    private static final GuestPaths PATHS = new GuestPaths(Path.of("/run/vireo/kvm"), "vm1");

    private static String domain(String inside) {
        return "<domain type='kvm'><name>vm1</name><memory unit='MiB'>256</memory><vcpu>2</vcpu>"
                + "<os><type>hvm</type><kernel>/boot/vmlinuz</kernel></os>" + inside + "</domain>";
    }

    private static String withOs(String os, String rest) {
        return "<domain type='kvm'><name>vm1</name><memory unit='MiB'>256</memory><vcpu>2</vcpu>" + os + rest
                + "</domain>";
    }

    private static DomainDef complete(String xml) {
        DomainDef def = VireoXml.parseDomain(xml);
        KvmDomainConfig.complete(def, EMULATOR);
        return def;
    }

    private static void refused(String xml, String... fragments) {
        VirtException e = assertThrows(VirtException.class, () -> complete(xml));
        assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith("unsupported configuration: "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        }
    }

    @Test
    void fillsLibvirtsDefaultsAndShowsTheSerialPortTheVmmAlwaysHas() {
        DomainDef def = complete(domain(""));
        assertEquals("x86_64", def.getOs().getArch());
        assertEquals("destroy", def.getOnPoweroff());
        assertEquals("restart", def.getOnReboot());
        assertEquals("destroy", def.getOnCrash());
        assertEquals("utc", def.getClock().getOffset());
        assertEquals(256L * 1024, def.getCurrentMemoryKiB());
        CharDeviceDef serial = def.devices().getSerials().get(0);
        assertEquals("pty", serial.getType());
        assertEquals("isa-serial", serial.getTargetType());
        assertEquals(0, serial.getTargetPort());
        CharDeviceDef console = def.devices().getConsoles().get(0);
        assertEquals("pty", console.getType());
        assertEquals("serial", console.getTargetType());
        assertEquals(0, console.getTargetPort());
        assertNull(serial.getAlias(), "aliases are runtime only");

        // Completing what dumpxml shows changes nothing: define after dumpxml is stable.
        String once = VireoXml.formatDomain(def);
        assertEquals(once, VireoXml.formatDomain(complete(once)));
        assertTrue(once.contains("<serial type='pty'>"), once);
        assertTrue(once.contains("<console type='pty'>"), once);
    }

    @Test
    void aliasesNameTheSerialPortAndConsoleWhileRunning() {
        DomainDef def = complete(domain(""));
        KvmDomainConfig.assignAliases(def);
        String xml = VireoXml.formatDomain(def);
        assertTrue(xml.contains("<alias name='serial0'/>"), xml);
        assertTrue(xml.contains("<alias name='console0'/>"), xml);
    }

    @Test
    void aConsoleAloneBringsItsSerialPort() {
        DomainDef def = complete(domain("<devices><console type='pty'/></devices>"));
        assertEquals(1, def.devices().getSerials().size());
        assertEquals("serial", def.devices().getConsoles().get(0).getTargetType());
    }

    @Test
    void mapsTheDefinitionToTheVmmsArguments() {
        DomainDef def = complete(withOs("<os><type arch='x86_64'>hvm</type><kernel>/k/bzImage</kernel>"
                + "<initrd>/k/initrd.img</initrd><cmdline>console=ttyS0 quiet</cmdline></os>",
                "<on_reboot>destroy</on_reboot><devices><serial type='pty'><log file='/var/log/vm1.serial'/>"
                        + "<target port='0'/></serial></devices>"));
        VmConfig c = KvmDomainConfig.vmConfig(def, PATHS);
        assertEquals(new VmConfig(Path.of("/k/bzImage"), Path.of("/k/initrd.img"), "console=ttyS0 quiet", 256, 2,
                Path.of("/var/log/vm1.serial"), Path.of("/run/vireo/kvm/vm1.monitor"),
                "socket:/run/vireo/kvm/vm1.serial0", false), c);
        List<String> argv = KvmDomainConfig.argv(List.of("/opt/vireo/bin/vireo-vmm"), c);
        assertEquals("/opt/vireo/bin/vireo-vmm", argv.get(0));
        assertEquals(c, VmConfig.fromArgs(argv.subList(1, argv.size()).toArray(new String[0])));
        assertTrue(String.join(" ", argv).contains("--on-reboot exit"), argv.toString());
        assertTrue(String.join(" ", argv).contains("--console socket:/run/vireo/kvm/vm1.serial0"), argv.toString());
    }

    @Test
    void virtioDisksRngAndBalloonBecomeVmmArguments() {
        DomainDef def = complete(domain("<devices>"
                + "<disk type='file' device='disk'><source file='/img/root.img'/><target dev='vda'/>"
                + "<serial>root-1</serial></disk>"
                + "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/img/data.img'/>"
                + "<target dev='vdb' bus='virtio'/><readonly/></disk>"
                + "<interface type='ethernet'><mac address='52:54:00:AB:CD:EF'/><target dev='vtap1'/></interface>"
                + "<interface type='ethernet'><target dev='vtap2'/><model type='virtio'/></interface>"
                + "<rng model='virtio'><backend model='random'/></rng><memballoon model='virtio'/></devices>"));
        assertEquals("virtio", def.devices().getInterfaces().get(0).getModelType(), "model filled in");
        assertTrue(def.devices().getInterfaces().get(1).getMac().startsWith("52:54:00:"), "MAC generated");
        assertEquals("virtio", def.devices().getDisks().get(0).getTargetBus(), "bus filled in");
        assertEquals("raw", def.devices().getDisks().get(0).getDriverType(), "format filled in");
        assertEquals("/dev/urandom", def.devices().getRngs().get(0).getBackendPath());
        VmConfig c = KvmDomainConfig.vmConfig(def, PATHS);
        assertEquals(List.of(new VmConfig.Disk(Path.of("/img/root.img"), false, "root-1"),
                new VmConfig.Disk(Path.of("/img/data.img"), true, null)), c.disks());
        assertTrue(c.rng());
        assertTrue(c.balloon());
        assertEquals(new VmConfig.Nic("vtap1", "52:54:00:ab:cd:ef"), c.nics().get(0));
        assertEquals("vtap2", c.nics().get(1).tap());
        List<String> argv = KvmDomainConfig.argv(List.of("vmm"), c);
        assertTrue(String.join(" ", argv).contains("--disk /img/root.img,serial=root-1 --disk /img/data.img,readonly"
                + " --net tap=vtap1,mac=52:54:00:ab:cd:ef --net tap=vtap2,mac=52:54:00:"), argv.toString());
        assertTrue(String.join(" ", argv).endsWith(" --rng --balloon"), argv.toString());
        assertEquals(c, VmConfig.fromArgs(argv.subList(1, argv.size()).toArray(new String[0])));
        StringBuilder ten = new StringBuilder("<devices>");
        for (int i = 0; i < 10; i++) {
            ten.append("<disk type='file' device='disk'><source file='/d").append(i).append("'/><target dev='vd")
                    .append((char) ('a' + i)).append("'/></disk>");
        }
        refused(domain(ten + "</devices>"), "10 virtio devices");
    }

    @Test
    void onRebootRestartKeepsTheGuestInItsProcess() {
        VmConfig c = KvmDomainConfig.vmConfig(complete(domain("")), PATHS);
        assertTrue(c.restartOnReboot());
        assertEquals(VmConfig.DEFAULT_CMDLINE, c.cmdline(), "no <cmdline>: the VMM's serial-console default");
        assertNull(c.initrd());
        assertNull(c.serialLog());
    }

    @Test
    void aFileSerialPortIsTheSerialLog() {
        DomainDef def = complete(domain("<devices><serial type='file'><source path='/tmp/vm1.out'/></serial>"
                + "</devices>"));
        assertEquals(Path.of("/tmp/vm1.out"), KvmDomainConfig.vmConfig(def, PATHS).serialLog());
        assertEquals("file", def.devices().getConsoles().get(0).getType());
    }

    @Test
    void memoryIsRoundedUpToWholeMebibytes() {
        DomainDef def = complete(withOs("<os><type>hvm</type><kernel>/k</kernel></os>", "")
                .replace("<memory unit='MiB'>256</memory>", "<memory unit='KiB'>65537</memory>"));
        assertEquals(65, KvmDomainConfig.vmConfig(def, PATHS).memoryMib());
    }

    @Test
    void acceptsWhatDescribesTheMachineAsItIs() {
        complete(domain("<devices><controller type='pci' model='pci-root'/><controller type='usb' model='none'/>"
                + "<input type='keyboard' bus='ps2'/><input type='mouse' bus='ps2'/><memballoon model='none'/>"
                + "</devices>"));
        complete(domain("<memory unit='MiB'>2047</memory>").replace("<memory unit='MiB'>256</memory>", ""));
        complete(domain("").replace("<vcpu>2</vcpu>", "<vcpu>64</vcpu>"));
    }

    @Test
    void refusesOtherHypervisorsAndBootMethods() {
        refused(domain("").replace("type='kvm'", "type='qemu'"), "Emulator '" + EMULATOR + "'", "virt type 'qemu'");
        refused(withOs("<os><type>hvm</type></os>", ""), "<kernel>");
        refused(withOs("<os><type>linux</type><kernel>/k</kernel></os>", ""), "does not support os type 'linux'");
        refused(withOs("<os><type arch='aarch64'>hvm</type><kernel>/k</kernel></os>", ""), "arch=aarch64");
        refused(withOs("<os><type>hvm</type><loader>/usr/share/OVMF/OVMF_CODE.fd</loader><kernel>/k</kernel></os>", ""),
                "<loader>");
        refused(withOs("<os firmware='efi'><type>hvm</type><kernel>/k</kernel></os>", ""), "firmware");
    }

    @Test
    void refusesDevicesTheVmmDoesNotHave() {
        refused(domain("<devices><disk type='file' device='cdrom'><source file='/img'/><target dev='vda' bus='virtio'/>"
                + "</disk></devices>"), "<disk device='cdrom'>", "vda");
        refused(domain("<devices><disk type='file' device='disk'><source file='/img'/><target dev='sda' bus='sata'/>"
                + "</disk></devices>"), "bus 'sata'");
        refused(domain("<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/i'/>"
                + "<target dev='vda' bus='virtio'/></disk></devices>"), "format 'qcow2'");
        refused(domain("<devices><disk type='network' device='disk'><source protocol='nbd' name='x'/>"
                + "<target dev='vda' bus='virtio'/></disk></devices>"), "<disk type='network'>");
        refused(domain("<devices><disk type='file' device='disk'><source file='/img'/><target dev='vda' bus='virtio'/>"
                + "<serial>this serial is far too long</serial></disk></devices>"), "<serial>");
        refused(domain("<devices><interface type='network'><source network='default'/></interface></devices>"),
                "<interface type='network'>");
        refused(domain("<devices><interface type='ethernet'><model type='e1000'/><target dev='tap0'/></interface>"
                + "</devices>"), "model 'e1000'");
        refused(domain("<devices><interface type='ethernet'><target dev='a-long-tap-name-x'/></interface></devices>"),
                "<target dev='a-long-tap-name-x'>", "1-15 characters");
        refused(domain("<devices><interface type='direct'><source dev='eth0' mode='bridge'/></interface></devices>"),
                "<interface type='direct'>", "'ethernet' (a tap) and 'bridge'");
        refused(domain("<devices><interface type='bridge'><source bridge='a-long-bridge-name'/></interface>"
                + "</devices>"), "<source bridge='NAME'/>", "'a-long-bridge-name'");
        refused(domain("<metadata><v:kvm xmlns:v='" + KvmMetadata.NAMESPACE + "'><v:netns name='../etc'/></v:kvm>"
                + "</metadata>"), "<vireo:netns name='../etc'>");
        refused(domain("<devices><graphics type='vnc'/></devices>"), "<graphics>");
        refused(domain("<devices><video><model type='vga'/></video></devices>"), "<video>");
        refused(domain("<devices><hostdev mode='subsystem' type='pci'><source><address domain='0' bus='1' slot='0' "
                + "function='0'/></source></hostdev></devices>"), "<hostdev>");
        refused(domain("<devices><watchdog model='i6300esb'/></devices>"), "<watchdog>");
        refused(domain("<devices><rng model='virtio'><backend model='random'>/dev/hwrng</backend></rng></devices>"),
                "<rng> backend");
        refused(domain("<devices><channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/>"
                + "</channel></devices>"), "<channel>");
        refused(domain("<devices><memballoon model='xen'/></devices>"), "<memballoon>", "xen");
        refused(domain("<devices><controller type='virtio-serial'/></devices>"), "<controller type='virtio-serial'>");
        refused(domain("<devices><input type='tablet' bus='usb'/></devices>"), "<input type='tablet' bus='usb'>");
        refused(domain("<devices><parallel type='pty'/></devices>"), "<parallel>");
    }

    private static final String KVM_METADATA = "<metadata><other:x xmlns:other='urn:other'><other:netns name='no'/>"
            + "</other:x><vireo:kvm xmlns:vireo='" + KvmMetadata.NAMESPACE + "'><!-- taps here -->"
            + "<vireo:netns name='guests'/></vireo:kvm></metadata>";

    @Test
    void bridgeInterfacesBecomeTapsOnTheBridgeInTheNamespaceTheMetadataNames() {
        DomainDef def = complete(domain(KVM_METADATA + "<devices>"
                + "<interface type='bridge'><source bridge='br0'/><mac address='52:54:00:00:00:0A'/></interface>"
                + "<interface type='bridge'><source bridge='br1'/><target dev='vnet7'/></interface>"
                + "<interface type='bridge'><source bridge='br1'/><target dev='mytap'/></interface>"
                + "<interface type='ethernet'><target dev='etap'/></interface></devices>"));
        assertEquals("guests", KvmDomainConfig.netns(def));
        assertNull(def.getInterfaces().get(0).getTargetDev(), "named at start");
        assertNull(def.getInterfaces().get(1).getTargetDev(), "a generated name is not kept, as libvirt");
        assertEquals("mytap", def.getInterfaces().get(2).getTargetDev());
        assertTrue(def.getInterfaces().get(1).getMac().startsWith("52:54:00:"), "MAC generated at define");
        // What dumpxml shows defines the same domain again.
        String once = VireoXml.formatDomain(def);
        assertTrue(once.contains("<source bridge='br0'/>") && once.contains("<vireo:netns name='guests'/>"), once);
        assertEquals(once, VireoXml.formatDomain(complete(once)));
        def.getInterfaces().get(0).setTargetDev("vnet0"); // as GuestTaps names them at start
        def.getInterfaces().get(1).setTargetDev("vnet1");
        VmConfig c = KvmDomainConfig.vmConfig(def, PATHS);
        assertEquals(List.of(new VmConfig.Nic("vnet0", "52:54:00:00:00:0a", "guests", "br0"),
                new VmConfig.Nic("vnet1", def.getInterfaces().get(1).getMac(), "guests", "br1"),
                new VmConfig.Nic("mytap", def.getInterfaces().get(2).getMac(), "guests", "br1"),
                new VmConfig.Nic("etap", def.getInterfaces().get(3).getMac(), "guests", null)), c.nics());
        List<String> argv = KvmDomainConfig.argv(List.of("vmm"), c);
        assertTrue(String.join(" ", argv).contains(" --net tap=vnet0,mac=52:54:00:00:00:0a,netns=guests,bridge=br0 "),
                argv.toString());
        assertEquals(c, VmConfig.fromArgs(argv.subList(1, argv.size()).toArray(new String[0])));
        // The driver's default namespace applies when the definition names none; none at all: the VMM's own.
        DomainDef plain = complete(domain("<devices><interface type='bridge'><source bridge='br0'/>"
                + "<target dev='t0'/></interface></devices>"));
        assertNull(KvmDomainConfig.netns(plain));
        assertEquals("dflt", KvmDomainConfig.vmConfig(plain, PATHS, "dflt").nics().get(0).netns());
        assertNull(KvmDomainConfig.vmConfig(plain, PATHS).nics().get(0).netns());
    }

    @Test
    void refusesSerialPortsAndConsolesItCannotServe() {
        refused(domain("<devices><serial type='tcp'><source mode='bind' host='0.0.0.0' service='4555'/>"
                + "<protocol type='telnet'/></serial></devices>"), "<serial type='tcp'>");
        refused(domain("<devices><serial type='pty'/><serial type='pty'/></devices>"), "one <serial>");
        refused(domain("<devices><serial type='pty'><target port='1'/></serial></devices>"), "port 1");
        refused(domain("<devices><console type='pty'><target type='virtio'/></console></devices>"),
                "<console> target type 'virtio'");
        refused(domain("<devices><serial type='file'><source path='/a'/><log file='/b'/></serial></devices>"),
                "<serial type='file'>", "<log>");
    }

    @Test
    void refusesSizesBeyondTheVmm() {
        refused(domain("").replace("<memory unit='MiB'>256</memory>", "<memory unit='MiB'>2048</memory>"),
                "<memory>", "2048 MiB", "2047 MiB");
        refused(domain("").replace("<memory unit='MiB'>256</memory>", "<memory unit='MiB'>8</memory>"),
                "<memory>", "16 MiB");
        refused(domain("").replace("<vcpu>2</vcpu>", "<vcpu>65</vcpu>"),
                "Maximum CPUs greater than specified machine type limit 64");
        refused(domain("").replace("<memory unit='MiB'>256</memory>",
                "<maxMemory slots='4' unit='MiB'>4096</maxMemory><memory unit='MiB'>256</memory>"), "<maxMemory>");
    }

    @Test
    void refusesLifecycleActionsAndClocksItCannotFollow() {
        refused(domain("<on_reboot>preserve</on_reboot>"),
                "kvm driver doesn't support the 'preserve' action for 'on_reboot'");
        refused(domain("<on_reboot>rename-restart</on_reboot>"), "'rename-restart'", "'on_reboot'");
        refused(domain("<on_poweroff>restart</on_poweroff>"), "'restart' action for 'on_poweroff'");
        refused(domain("<clock offset='localtime'/>"), "clock offset 'localtime'");
        complete(domain("<on_reboot>destroy</on_reboot><on_crash>restart</on_crash><clock offset='utc'/>"));
    }
}
