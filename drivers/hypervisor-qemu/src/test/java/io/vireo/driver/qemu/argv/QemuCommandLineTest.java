package io.vireo.driver.qemu.argv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.xml.VireoXml;
import io.vireo.xml.domain.DomainDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The argv builder tested as libvirt tests its own: each {@code argv/NAME.xml} must give exactly
 * {@code argv/NAME.args}, one argument per line, with the launch facts of {@link ArgvPairs#launch}.
 *
 * <p>After an intended change of the command line, rewrite the expected files and review the diff:
 * {@code mvn -o -pl drivers/hypervisor-qemu test -Dtest=QemuCommandLineTest -Dvireo.argv.regenerate=true}.
 * New pairs need only their .xml; the first regenerating run writes the .args.
 */
class QemuCommandLineTest {
    private static final boolean REGENERATE = Boolean.getBoolean("vireo.argv.regenerate");

    static List<String> pairs() {
        return ArgvPairs.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void argvMatchesExpected(String name) throws IOException {
        DomainDef def = VireoXml.parseDomain(ArgvPairs.xml(name));
        List<String> argv = QemuCommandLine.build(def, ArgvPairs.launch(name));
        String actual = String.join("\n", argv) + "\n";
        if (REGENERATE) {
            Files.writeString(ArgvPairs.sourceDir().resolve(name + ".args"), actual, StandardCharsets.UTF_8);
            return;
        }
        Path expected = ArgvPairs.resourceDir().resolve(name + ".args");
        if (!Files.exists(expected)) {
            fail("no " + name + ".args; run with -Dvireo.argv.regenerate=true and review it. Built:\n" + actual);
        }
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, name + ".args");
    }

    @Test
    void atLeastFifteenPairs() {
        assertTrue(pairs().size() >= 15, "pairs: " + pairs());
    }

    @Test
    void buildIsDeterministic() throws IOException {
        for (String name : pairs()) {
            DomainDef def = VireoXml.parseDomain(ArgvPairs.xml(name));
            assertEquals(QemuCommandLine.build(def, ArgvPairs.launch(name)),
                    QemuCommandLine.build(def, ArgvPairs.launch(name)), name);
        }
    }

    @Test
    void commasAreDoubledInOptionValuesOnly() throws IOException {
        List<String> argv = QemuCommandLine.build(VireoXml.parseDomain(ArgvPairs.xml("path-with-comma")),
                ArgvPairs.launch("path-with-comma"));
        assertTrue(argv.contains("guest=comma,,guest,debug-threads=on"), argv::toString);
        assertTrue(argv.contains("driver=file,filename=/var/lib/vireo/images/a,,b.qcow2,"
                + "node-name=file-virtio-disk0,read-only=off"), argv::toString);
        assertTrue(argv.contains("virtio-blk-pci,drive=drive-virtio-disk0,id=virtio-disk0,serial=SN,,1"),
                argv::toString);
        assertTrue(argv.stream().anyMatch(a -> a.contains("logfile=/var/log/vireo/qemu/comma,,guest.log,")),
                argv::toString);
        // -kernel and -append take their value whole: no escaping there
        assertTrue(argv.contains("/var/lib/vireo/boot/vmlinuz,v2"), argv::toString);
        assertTrue(argv.contains("console=ttyS0,115200n8"), argv::toString);
    }

    @Test
    void optsEscape() {
        assertEquals("socket,id=a,,b,path=/x,,,,y", Opts.of("socket").add("id", "a,b").add("path", "/x,,y")
                .add("absent", null).toString());
        assertEquals("host,-arch-capabilities", Opts.of("host").item("-arch-capabilities").toString());
    }

    @Test
    void diskIndexFollowsLibvirtNaming() {
        assertEquals(0, QemuIds.diskIndex("vda"));
        assertEquals(25, QemuIds.diskIndex("vdz"));
        assertEquals(26, QemuIds.diskIndex("vdaa"));
        assertEquals(3, QemuIds.diskIndex("hdd"));
        assertEquals(701, QemuIds.diskIndex("sdzz"));
    }

    @Test
    void launchLogIsUsedWhenTheXmlHasNone() {
        DomainDef def = VireoXml.parseDomain(domain("qemu", "", "<serial type='pty'/><serial type='pty'>"
                + "<log file='/xml.log'/></serial>"));
        QemuLaunch base = ArgvPairs.launch("x");
        QemuLaunch launch = new QemuLaunch(base.binary(), base.monitorSocket(), base.serialSockets(),
                Arrays.asList("/launch0.log", "/launch1.log"), 0, List.of(), false);
        List<String> argv = QemuCommandLine.build(def, launch);
        assertTrue(argv.contains("socket,id=charserial0,path=/run/vireo/qemu/x/serial0.sock,server=on,wait=off,"
                + "logfile=/launch0.log,logappend=off"), argv::toString);
        assertTrue(argv.contains("socket,id=charserial1,path=/run/vireo/qemu/x/serial1.sock,server=on,wait=off,"
                + "logfile=/xml.log,logappend=off"), argv::toString);
    }

    @Test
    void missingMacIsADriverBug() {
        DomainDef def = VireoXml.parseDomain(domain("qemu", "", "<interface type='ethernet'/>"));
        def.getInterfaces().get(0).setMac(null);
        assertError(ErrorCode.INTERNAL_ERROR,
                "internal error: <interface> net0 has no MAC address (the driver assigns one before start)", def,
                ArgvPairs.launch("x"));
    }

    @Test
    void missingLaunchFactsAreDriverBugs() {
        QemuLaunch bare = new QemuLaunch(ArgvPairs.BINARY, "/run/m.sock", null, null, 0, null, false);
        assertError(ErrorCode.INTERNAL_ERROR,
                "internal error: no tap device was prepared for <interface> net0 (MAC 52:54:00:00:00:01)",
                VireoXml.parseDomain(domain("qemu", "", "<interface type='ethernet'><mac address='52:54:00:00:00:01'/>"
                        + "</interface>")), bare);
        assertError(ErrorCode.INTERNAL_ERROR, "internal error: no socket path was chosen for serial port serial0",
                VireoXml.parseDomain(domain("qemu", "", "<serial type='pty'/>")), bare);
        assertError(ErrorCode.INTERNAL_ERROR,
                "internal error: no VNC port was reserved for <graphics type='vnc' autoport='yes'>",
                VireoXml.parseDomain(domain("qemu", "", "<graphics type='vnc' autoport='yes'/>")), bare);
    }

    @Test
    void kvmDomainNeedsKvmOnTheHost() {
        QemuLaunch noKvm = new QemuLaunch(ArgvPairs.BINARY, "/run/m.sock", null, null, 0, null, false);
        assertError(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: emulator '/usr/bin/qemu-system-x86_64' "
                + "cannot run <domain type='kvm'> here: KVM is not usable on this host",
                VireoXml.parseDomain(domain("kvm", "", "")), noKvm);
    }

    @Test
    void diskWithoutSource() {
        assertError(ErrorCode.NO_SOURCE, "missing source information for device vda",
                VireoXml.parseDomain(domain("qemu", "", "<disk type='file'><target dev='vda'/></disk>")),
                ArgvPairs.launch("x"));
    }

    /** Each construct the driver refuses, with the exact message: libvirt's prefix, then the element at fault. */
    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("disk type network", domain("qemu", "", "<disk type='network' device='disk'><source "
                        + "protocol='nbd' name='x'><host name='h' port='10809'/></source><target dev='vda'/></disk>"),
                        "<disk type='network'> (target 'vda') is not supported: only file and block"),
                arguments("disk type volume", domain("qemu", "", "<disk type='volume'><source pool='p' volume='v'/>"
                        + "<target dev='vda'/></disk>"),
                        "<disk type='volume'> (target 'vda') is not supported: only file and block"),
                arguments("disk bus scsi", domain("qemu", "", "<disk type='file'><source file='/a'/>"
                        + "<target dev='sda' bus='scsi'/></disk>"),
                        "<disk> target 'sda' on bus 'scsi' is not supported: only virtio, ide and sata"),
                arguments("floppy", domain("qemu", "", "<disk type='file' device='floppy'><source file='/a'/>"
                        + "<target dev='fda'/></disk>"),
                        "<disk device='floppy'> (target 'fda') is not supported: only disk and cdrom"),
                arguments("virtio cdrom", domain("qemu", "", "<disk type='file' device='cdrom'><source file='/a'/>"
                        + "<target dev='vda' bus='virtio'/></disk>"),
                        "<disk device='cdrom'> (target 'vda') cannot be on bus 'virtio'"),
                arguments("ide on q35", domainOn("q35", "<disk type='file'><source file='/a'/>"
                        + "<target dev='hda' bus='ide'/></disk>"),
                        "<disk> target 'hda': IDE controllers are unsupported for this QEMU binary or machine type "
                        + "(use bus 'sata' on q35)"),
                arguments("readonly ide disk", domain("qemu", "", "<disk type='file'><source file='/a'/>"
                        + "<target dev='hda' bus='ide'/><readonly/></disk>"),
                        "<readonly/> on <disk> target 'hda': readonly ide disks are not supported"),
                arguments("disk format vmdk", domain("qemu", "", "<disk type='file'><driver name='qemu' type='vmdk'/>"
                        + "<source file='/a'/><target dev='vda'/></disk>"),
                        "<driver type='vmdk'> of <disk> target 'vda' is not supported: only raw and qcow2"),
                arguments("native io without O_DIRECT", domain("qemu", "", "<disk type='file'><driver name='qemu' "
                        + "type='raw' cache='writeback' io='native'/><source file='/a'/><target dev='vda'/></disk>"),
                        "<driver io='native'> of <disk> target 'vda' needs cache 'none' or 'directsync' (native I/O "
                        + "bypasses the host page cache)"),
                arguments("disk iotune", domain("qemu", "", "<disk type='file'><source file='/a'/><target dev='vda'/>"
                        + "<iotune><total_bytes_sec>1</total_bytes_sec></iotune></disk>"),
                        "<iotune> inside <disk> is not supported"),
                arguments("ide unit out of range", domain("qemu", "", "<disk type='file'><source file='/a'/>"
                        + "<target dev='hde' bus='ide'/></disk>"),
                        "<disk> target 'hde' at IDE bus 2 unit 0: the IDE controller has buses 0-1 with units 0-1"),
                arguments("two disks at one address", domain("qemu", "", "<disk type='file'><source file='/a'/>"
                        + "<target dev='hda' bus='ide'/></disk><disk type='file'><source file='/b'/>"
                        + "<target dev='hdb' bus='ide'/><address type='drive' controller='0' bus='0' unit='0'/></disk>"),
                        "two devices would have the id 'ide0-0-0' (<disk>)"),
                arguments("user alias too long", domain("qemu", "", "<disk type='file'><source file='/a'/>"
                        + "<target dev='vda'/><alias name='ua-a-very-long-disk-alias-2'/></disk>"),
                        "alias 'ua-a-very-long-disk-alias-2' of <disk> target 'vda' is too long for a QEMU node name "
                        + "(at most 25 characters)"),
                arguments("interface user", domain("qemu", "", "<interface type='user'/>"),
                        "<interface type='user'> is not supported: only ethernet and bridge"),
                arguments("interface network", domain("qemu", "", "<interface type='network'><source "
                        + "network='default'/></interface>"),
                        "<interface type='network'> is not supported: only ethernet and bridge"),
                arguments("nic model ne2k", domain("qemu", "", "<interface type='ethernet'><model type='ne2k_pci'/>"
                        + "</interface>"),
                        "<model type='ne2k_pci'> of <interface> net0 is not supported: only e1000, e1000e, rtl8139, "
                        + "virtio"),
                arguments("vhost under TCG", domain("qemu", "", "<interface type='ethernet'><model type='virtio'/>"
                        + "<driver name='vhost'/></interface>"),
                        "<driver name='vhost'> of <interface> net0 needs model virtio under KVM"),
                arguments("multiqueue", domain("qemu", "", "<interface type='ethernet'><model type='virtio'/>"
                        + "<driver queues='4'/></interface>"),
                        "<driver queues='4'> of <interface> net0 is not supported: multiqueue taps are not prepared"),
                arguments("nic rom", domain("qemu", "", "<interface type='ethernet'><rom bar='off'/></interface>"),
                        "<rom> inside <interface> is not supported"),
                arguments("graphics spice", domain("qemu", "", "<graphics type='spice' autoport='yes'/>"),
                        "<graphics type='spice'> is not supported: only vnc"),
                arguments("vnc on a socket", domain("qemu", "", "<graphics type='vnc'><listen type='socket' "
                        + "socket='/run/vnc.sock'/></graphics>"),
                        "<listen type='socket'> in <graphics type='vnc'> is not supported: only address and none"),
                arguments("vnc port below 5900", domain("qemu", "", "<graphics type='vnc' port='5800' autoport='no'/>"),
                        "<graphics type='vnc' port='5800'>: a VNC port is 5900-65535"),
                arguments("video vmvga", domain("qemu", "", "<video><model type='vmvga'/></video>"),
                        "<video> <model type='vmvga'> is not supported: only bochs, cirrus, qxl, vga, virtio and none"),
                arguments("two videos", domain("qemu", "", "<video><model type='vga'/></video>"
                        + "<video><model type='virtio'/></video>"),
                        "more than one <video> is not supported"),
                arguments("arch aarch64", domainOs("qemu", "<type arch='aarch64' machine='virt'>hvm</type>"),
                        "<os><type arch='aarch64'> is not supported: only x86_64"),
                arguments("arch i686", domainOs("qemu", "<type arch='i686'>hvm</type>"),
                        "<os><type arch='i686'> is not supported: only x86_64"),
                arguments("machine microvm", domainOs("qemu", "<type arch='x86_64' machine='microvm'>hvm</type>"),
                        "<os><type machine='microvm'> is not supported: only pc and q35 (and their versioned names)"),
                arguments("os type linux", domainOs("qemu", "<type>linux</type>"),
                        "<os><type>linux</type> is not supported: only hvm"),
                arguments("domain type xen", domain("xen", "", ""),
                        "<domain type='xen'> is not supported by the QEMU driver: only qemu and kvm"),
                arguments("host-passthrough under TCG", domain("qemu", "<cpu mode='host-passthrough'/>", ""),
                        "<cpu mode='host-passthrough'> needs <domain type='kvm'>: TCG cannot pass the host CPU through"),
                arguments("custom cpu without model", domain("qemu", "<cpu mode='custom'/>", ""),
                        "<cpu mode='custom'> needs a <model>"),
                arguments("guest numa", domain("qemu", "<cpu><numa><cell id='0' cpus='0' memory='131072'/></numa>"
                        + "</cpu>", ""),
                        "<numa> inside <cpu> is not supported"),
                arguments("topology mismatch", domain("qemu", "<cpu><topology sockets='1' cores='2' threads='2'/></cpu>",
                        ""),
                        "<cpu><topology> gives 4 vCPUs (sockets*dies*cores*threads) but <vcpu> is 1: they must match"),
                arguments("clock variable", domain("qemu", "<clock offset='variable' adjustment='3600' basis='utc'/>",
                        ""),
                        "<clock offset='variable'> is not supported: only utc and localtime"),
                arguments("timer tsc", domain("qemu", "<clock offset='utc'><timer name='tsc' present='yes'/></clock>",
                        ""),
                        "<timer name='tsc'> is not supported: only rtc, pit and hpet"),
                arguments("features hyperv", domain("qemu", "<features><acpi/><hyperv mode='custom'><relaxed "
                        + "state='on'/></hyperv></features>", ""),
                        "<features><hyperv> is not supported"),
                arguments("firmware efi", domainOs("qemu", "<type arch='x86_64'>hvm</type>", " firmware='efi'"),
                        "<os firmware='efi'> is not supported: name a <loader> instead"),
                arguments("pflash loader", domainOs("qemu", "<type arch='x86_64'>hvm</type><loader readonly='yes' "
                        + "type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>"),
                        "<os><loader type='pflash'> is not supported: only rom"),
                arguments("hostdev", domain("qemu", "", "<hostdev mode='subsystem' type='pci' managed='yes'><source>"
                        + "<address domain='0' bus='1' slot='0' function='0'/></source></hostdev>"),
                        "<devices><hostdev> is not supported"),
                arguments("sound", domain("qemu", "", "<sound model='ich9'/>"),
                        "<devices><sound> is not supported"),
                arguments("channel on a pty", domain("qemu", "", "<channel type='pty'><target type='virtio' "
                        + "name='org.qemu.guest_agent.0'/></channel>"),
                        "<channel type='pty'> is not supported: only unix"),
                arguments("guestfwd channel", domain("qemu", "", "<channel type='unix'><source mode='bind' "
                        + "path='/run/x.sock'/><target type='guestfwd' address='10.0.2.1' port='4600'/></channel>"),
                        "<channel> channel0 with <target type='guestfwd'> is not supported: only virtio"),
                arguments("channel connecting out", domain("qemu", "", "<channel type='unix'><source mode='connect' "
                        + "path='/run/x.sock'/><target type='virtio' name='a.b'/></channel>"),
                        "<channel> channel0 with <source mode='connect'> is not supported: only bind"),
                arguments("parallel", domain("qemu", "", "<parallel type='pty'/>"),
                        "<parallel type='pty'> is not supported"),
                arguments("virtio console", domain("qemu", "", "<console type='pty'><target type='virtio'/></console>"),
                        "<console> with <target type='virtio'> is not supported: only serial"),
                arguments("serial tcp", domain("qemu", "", "<serial type='tcp'><source mode='bind' host='127.0.0.1' "
                        + "service='4555'/></serial>"),
                        "<serial type='tcp'> is not supported: only pty and file"),
                arguments("file serial with a log", domain("qemu", "", "<serial type='file'><source path='/a'/>"
                        + "<log file='/b'/></serial>"),
                        "<serial type='file'> serial0 cannot also have a <log>: its source file is the log"),
                arguments("isa serial port 4", domain("qemu", "", "<serial type='pty'><target port='4'/></serial>"),
                        "<serial> serial0 at <target port='4'>: an ISA serial port is 0-3"),
                arguments("usb serial", domain("qemu", "", "<serial type='pty'><target type='usb-serial'/></serial>"),
                        "<serial> serial0 with <target type='usb-serial'> is not supported: only isa-serial and "
                        + "pci-serial"),
                arguments("memballoon xen", domain("qemu", "", "<memballoon model='xen'/>"),
                        "<memballoon model='xen'> is not supported: only virtio and none"),
                arguments("rng egd", domain("qemu", "", "<rng model='virtio'><backend model='egd' type='tcp'>"
                        + "<source mode='connect' host='1.2.3.4' service='1234'/></backend></rng>"),
                        "<rng> <backend model='egd'> is not supported: only random and builtin"),
                arguments("usb ohci", domain("qemu", "", "<controller type='usb' model='pci-ohci'/>"),
                        "<controller type='usb' model='pci-ohci'> is not supported: only ich9-ehci1, ich9-uhci1, "
                        + "ich9-uhci2, ich9-uhci3, nec-xhci, piix3-uhci, qemu-xhci and none"),
                arguments("usb companion without master", domain("qemu", "",
                        "<controller type='usb' model='ich9-uhci1'><master startport='0'/></controller>"),
                        "<controller type='usb' model='ich9-uhci1'> is a companion: it needs a "
                        + "<controller type='usb' model='ich9-ehci1'> with the same index"),
                arguments("usb companion without startport", domain("qemu", "",
                        "<controller type='usb' model='ich9-ehci1'/><controller type='usb' model='ich9-uhci1'/>"),
                        "<controller type='usb' model='ich9-uhci1'> needs <master startport='N'/>"),
                arguments("usb twice", domain("qemu", "",
                        "<controller type='usb' model='qemu-xhci'/><controller type='usb' model='piix3-uhci'/>"),
                        "<controller type='usb' index='0'> is declared twice"),
                arguments("scsi controller", domain("qemu", "", "<controller type='scsi' model='virtio-scsi'/>"),
                        "<controller type='scsi'> is not supported"),
                arguments("pcie root port on pc", domain("qemu", "",
                        "<controller type='pci' index='1' model='pcie-root-port'/>"),
                        "<controller type='pci' index='1' model='pcie-root-port'> is not supported: only the pci-root "
                        + "of the machine and, on q35, pcie-root-port"),
                arguments("pcie root port index taken", domainOn("q35",
                        "<controller type='pci' index='2' model='pcie-root-port'/>"
                        + "<controller type='pci' index='2' model='pcie-root-port'/>"),
                        "<controller type='pci' model='pcie-root-port' index='2'> is not supported: indexes are 1 and "
                        + "up, once each"),
                arguments("usb input without usb", domain("qemu", "", "<controller type='usb' model='none'/>"
                        + "<input type='tablet' bus='usb'/>"),
                        "<input bus='usb'> needs a USB controller, but <controller type='usb'> has model 'none'"),
                arguments("memory backing", domain("qemu", "<memoryBacking><hugepages/></memoryBacking>", ""),
                        "<memoryBacking> is not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedConstruct(String what, String xml, String detail) {
        assertError(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: " + detail,
                VireoXml.parseDomain(xml), ArgvPairs.launch("x"));
    }

    private static void assertError(ErrorCode code, String message, DomainDef def, QemuLaunch launch) {
        VirtException e = assertThrows(VirtException.class, () -> QemuCommandLine.build(def, launch));
        assertEquals(message, e.getMessage());
        assertEquals(code, e.code());
        assertEquals(ErrorDomain.QEMU, e.domain());
    }

    /** A pc domain of {@code type} with {@code top} after vcpu (cpu, clock, features, ...) and these devices. */
    static String domain(String type, String top, String devices) {
        return "<domain type='" + type + "'><name>x</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os>" + top
                + "<devices>" + devices + "</devices></domain>";
    }

    private static String domainOn(String machine, String devices) {
        return "<domain type='qemu'><name>x</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64' machine='" + machine + "'>hvm</type></os>"
                + "<devices>" + devices + "</devices></domain>";
    }

    private static String domainOs(String type, String osChildren) {
        return domainOs(type, osChildren, "");
    }

    private static String domainOs(String type, String osChildren, String osAttributes) {
        return "<domain type='" + type + "'><name>x</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                + "<os" + osAttributes + ">" + osChildren + "</os><devices/></domain>";
    }
}
