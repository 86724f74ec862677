package io.vireo.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each invalid value gets one precise, libvirt-worded message, in the document kind's error domain. */
class ValidationTest {
    private static final String OS = "<os><type>hvm</type></os>";

    private static String domain(String body) {
        return "<domain type='kvm'><name>x</name><memory>1024</memory>" + OS + body + "</domain>";
    }

    private static String devices(String devices) {
        return domain("<devices>" + devices + "</devices>");
    }

    static Stream<Arguments> domains() {
        return Stream.of(
                Arguments.of("<domain type='kvm'><memory>1</memory>" + OS + "</domain>",
                        "XML error: missing required element 'name' in <domain>"),
                Arguments.of("<domain type='kvm'><name></name><memory>1</memory>" + OS + "</domain>",
                        "XML error: missing required element 'name' in <domain>"),
                Arguments.of("<domain type='kvm'><name>x/y</name><memory>1</memory>" + OS + "</domain>",
                        "XML error: name x/y cannot contain '/'"),
                Arguments.of("<domain><name>x</name><memory>1</memory>" + OS + "</domain>",
                        "XML error: missing required attribute 'type' in <domain>"),
                Arguments.of("<domain type='bogus'><name>x</name><memory>1</memory>" + OS + "</domain>",
                        "XML error: invalid domain type 'bogus'"),
                Arguments.of("<network><name>n</name></network>",
                        "XML error: expecting root element of 'domain', not 'network'"),
                Arguments.of(domain("<uuid>1234</uuid>"), "XML error: malformed uuid element: '1234'"),
                Arguments.of(domain("<uuid>zzzzzzzz-f6a4-8304-79aa-97f2502e193f</uuid>"),
                        "XML error: malformed uuid element: 'zzzzzzzz-f6a4-8304-79aa-97f2502e193f'"),
                Arguments.of("<domain type='kvm'><name>x</name>" + OS + "</domain>",
                        "XML error: Memory size must be specified via <memory> or in the <numa> configuration"),
                Arguments.of("<domain type='kvm'><name>x</name><memory>0</memory>" + OS + "</domain>",
                        "XML error: Memory size must be specified via <memory> or in the <numa> configuration"),
                Arguments.of("<domain type='kvm'><name>x</name><maxMemory slots='4'>1024</maxMemory>"
                        + "<memory>2048</memory>" + OS + "</domain>",
                        "XML error: maximum memory size must be equal or greater than the actual memory size"),
                Arguments.of("<domain type='kvm'><name>x</name><memory unit='XB'>1</memory>" + OS + "</domain>",
                        "XML error: unknown unit 'XB' in <memory>"),
                Arguments.of("<domain type='kvm'><name>x</name><memory unit='G'>99999999999999</memory>" + OS
                        + "</domain>", "numerical overflow: value too large: 99999999999999G"),
                Arguments.of("<domain type='kvm'><name>x</name><memory>abc</memory>" + OS + "</domain>",
                        "XML error: Invalid value 'abc' for element <memory>: expected a non-negative integer"),
                Arguments.of("<domain type='kvm'><name>x</name><memory>-5</memory>" + OS + "</domain>",
                        "XML error: Invalid value '-5' for element <memory>: expected a non-negative integer"),
                Arguments.of("<domain type='kvm'><name>x</name><memory>1</memory></domain>",
                        "XML error: an os <type> must be specified"),
                Arguments.of("<domain type='kvm'><name>x</name><memory>1</memory><os><type>dos</type></os></domain>",
                        "XML error: unknown OS type 'dos'"),
                Arguments.of(domain("<on_poweroff>foo</on_poweroff>"),
                        "XML error: unknown on_poweroff action: foo"),
                Arguments.of(domain("<on_crash>explode</on_crash>"), "XML error: unknown on_crash action: explode"),
                Arguments.of(domain("<vcpu current='4'>2</vcpu>"),
                        "XML error: maximum vCPU count must not be less than current vCPU count"),
                Arguments.of(domain("<vcpu>0</vcpu>"), "XML error: Invalid number of vCPUs '0' in <vcpu>"),
                Arguments.of(domain("<vcpu placement='everywhere'>1</vcpu>"),
                        "XML error: Invalid value for attribute 'placement' in element 'vcpu': 'everywhere'."),
                Arguments.of(domain("<title>a\nb</title>"), "XML error: Domain title can't contain newlines"),
                Arguments.of("<domain type='kvm'><name>x</name><memory>1</memory><os><type>hvm</type>"
                        + "<boot dev='usb'/></os></domain>", "XML error: unknown boot device 'usb'"),
                Arguments.of("<domain type='kvm'><name>x</name><memory>1</memory><os><type>hvm</type>"
                        + "<loader readonly='maybe'>/x</loader></os></domain>",
                        "XML error: Invalid value for attribute 'readonly' in element 'loader': 'maybe'."),
                Arguments.of(domain("<clock offset='bogus'/>"), "XML error: unknown clock offset 'bogus'"),
                Arguments.of(domain("<clock offset='timezone'/>"),
                        "XML error: missing required attribute 'timezone' in <clock>"),
                Arguments.of(domain("<clock><timer name='rtc' tickpolicy='sometimes'/></clock>"),
                        "XML error: Invalid value for attribute 'tickpolicy' in element 'timer': 'sometimes'."),
                Arguments.of(domain("<cpu mode='bogus'/>"),
                        "XML error: Invalid value for attribute 'mode' in element 'cpu': 'bogus'."),
                Arguments.of(domain("<cpu><topology sockets='0'/></cpu>"),
                        "XML error: Invalid value for attribute 'sockets' in element 'topology': '0'."),
                Arguments.of(domain("<cpu><feature policy='want' name='vmx'/></cpu>"),
                        "XML error: Invalid value for attribute 'policy' in element 'feature': 'want'."),
                Arguments.of(devices("<interface type='network'><mac address='zz'/><source network='default'/>"
                        + "</interface>"), "XML error: unable to parse mac address 'zz'"),
                Arguments.of(devices("<interface type='network'><mac address='01:00:00:00:00:01'/>"
                        + "<source network='default'/></interface>"),
                        "XML error: expected unicast mac address, found multicast '01:00:00:00:00:01'"),
                Arguments.of(devices("<interface type='networkx'/>"),
                        "XML error: Invalid value for attribute 'type' in element 'interface': 'networkx'."),
                Arguments.of(devices("<interface type='network'/>"),
                        "XML error: No <source> 'network' attribute specified with <interface type='network'/>"),
                Arguments.of(devices("<interface type='bridge'><source network='x'/></interface>"),
                        "XML error: No <source> 'bridge' attribute specified with <interface type='bridge'/>"),
                Arguments.of(devices("<disk type='file' device='floppyx'><source file='/a'/><target dev='vda'/>"
                        + "</disk>"), "XML error: Invalid value for attribute 'device' in element 'disk': 'floppyx'."),
                Arguments.of(devices("<disk type='filex'><source file='/a'/><target dev='vda'/></disk>"),
                        "XML error: Invalid value for attribute 'type' in element 'disk': 'filex'."),
                Arguments.of(devices("<disk><source file='/a'/><target dev='vda' bus='foo'/></disk>"),
                        "XML error: Invalid value for attribute 'bus' in element 'target': 'foo'."),
                Arguments.of(devices("<disk><source file='/a'/></disk>"),
                        "XML error: missing target information for device /a"),
                Arguments.of(devices("<disk><source file='/a'/><target dev='vda'/></disk>"
                        + "<disk><source file='/b'/><target dev='vda'/></disk>"),
                        "XML error: target 'vda' duplicated for disk sources"),
                Arguments.of(devices("<disk><driver cache='fast'/><source file='/a'/><target dev='vda'/></disk>"),
                        "XML error: Invalid value for attribute 'cache' in element 'driver': 'fast'."),
                Arguments.of(devices("<disk type='network'><source name='x'/><target dev='vda'/></disk>"),
                        "XML error: missing required attribute 'protocol' in <source> of a network disk"),
                Arguments.of(devices("<disk type='volume'><source pool='p'/><target dev='vda'/></disk>"),
                        "XML error: 'pool' and 'volume' must be specified together in <source> of a volume disk"),
                Arguments.of(devices("<disk><source file='/a'/><target dev='vda'/><boot order='0'/></disk>"),
                        "XML error: incorrect boot order '0', expecting positive integer"),
                Arguments.of("<domain type='kvm'><name>x</name><memory>1</memory><os><type>hvm</type>"
                        + "<boot dev='hd'/></os><devices><disk><source file='/a'/><target dev='vda'/>"
                        + "<boot order='1'/></disk></devices></domain>",
                        "XML error: per-device boot elements cannot be used together with os/boot elements"),
                Arguments.of(devices("<graphics type='vncx'/>"),
                        "XML error: Invalid value for attribute 'type' in element 'graphics': 'vncx'."),
                Arguments.of(devices("<graphics type='vnc' port='abc'/>"),
                        "XML error: Invalid value for attribute 'port' in element 'graphics': 'abc'."),
                Arguments.of(devices("<serial type='ptyx'/>"),
                        "XML error: unknown type presented to host for character device: ptyx"),
                Arguments.of(devices("<serial type='file'><target port='0'/></serial>"),
                        "XML error: Missing source path attribute for char device"),
                Arguments.of(devices("<video><model type='hologram'/></video>"),
                        "XML error: Invalid value for attribute 'type' in element 'model': 'hologram'."),
                Arguments.of(devices("<input type='joystick'/>"),
                        "XML error: Invalid value for attribute 'type' in element 'input': 'joystick'."),
                Arguments.of(devices("<controller type='nvme'/>"),
                        "XML error: Invalid value for attribute 'type' in element 'controller': 'nvme'."),
                Arguments.of(devices("<memballoon/>"), "XML error: missing required attribute 'model' in <memballoon>"),
                Arguments.of(devices("<rng model='virtio'/>"), "XML error: missing required element 'backend' in <rng>"),
                Arguments.of(devices("<rng model='virtio'><backend model='dice'/></rng>"),
                        "XML error: Invalid value for attribute 'model' in element 'backend': 'dice'."),
                Arguments.of(devices("<disk><source file='/a'/><target dev='vda'/><address bus='0'/></disk>"),
                        "XML error: missing required attribute 'type' in <address>"));
    }

    @ParameterizedTest
    @MethodSource("domains")
    void domainErrors(String xml, String message) {
        check(xml, message, ErrorDomain.DOMAIN, VireoXml::parseDomain);
    }

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("<network/>", "XML error: missing required element 'name' in <network>"),
                Arguments.of("<network><name>n</name><forward mode='bogus'/></network>",
                        "XML error: unknown forwarding type 'bogus'"),
                Arguments.of("<network><name>n</name><ip address='1.2.3.x' prefix='24'/></network>",
                        "XML error: Invalid address '1.2.3.x' in network 'n'"),
                Arguments.of("<network><name>n</name><ip family='ipv6' address='10.0.0.1' prefix='64'/></network>",
                        "XML error: Invalid address '10.0.0.1' in network 'n'"),
                Arguments.of("<network><name>n</name><ip address='10.0.0.1' netmask='255.0.255.0'/></network>",
                        "XML error: Invalid netmask '255.0.255.0' in network 'n'"),
                Arguments.of("<network><name>n</name><ip address='10.0.0.1' prefix='33'/></network>",
                        "XML error: Invalid prefix '33' in network 'n'"),
                Arguments.of("<network><name>n</name><ip address='10.0.0.1' prefix='8' netmask='255.0.0.0'/>"
                        + "</network>", "XML error: Network 'n' IP address cannot have both a prefix and a netmask"),
                Arguments.of("<network><name>n</name><ip address='10.0.0.1' prefix='8'><dhcp>"
                        + "<range start='10.0.0.2' end='ten'/></dhcp></ip></network>",
                        "XML error: Invalid dhcp range '10.0.0.2' to 'ten' in network 'n'"),
                Arguments.of("<network><name>n</name><ip address='10.0.0.1' prefix='8'><dhcp>"
                        + "<host ip='10.0.0.5'/></dhcp></ip></network>",
                        "XML error: Static host definition in network 'n' must have mac or name attribute"),
                Arguments.of("<network><name>n</name><ip address='10.0.0.1' prefix='8'><dhcp>"
                        + "<host mac='52:54:00:zz:00:01' ip='10.0.0.5'/></dhcp></ip></network>",
                        "XML error: unable to parse mac address '52:54:00:zz:00:01'"),
                Arguments.of("<network><name>n</name><forward mode='bridge'/></network>",
                        "XML error: Network 'n' in forward mode 'bridge' needs a <bridge name='...'/> or forward"
                        + " interfaces"),
                Arguments.of("<network><name>n</name><forward mode='bridge'/><bridge name='br0'/>"
                        + "<ip address='10.0.0.1' prefix='8'/></network>",
                        "XML error: Unsupported <ip> element in network n with forward mode='bridge'"),
                Arguments.of("<network><name>n</name><bridge stp='perhaps'/></network>",
                        "XML error: Invalid value for attribute 'stp' in element 'bridge': 'perhaps'."),
                Arguments.of("<network><name>n</name><mac address='ff:ff:ff:ff:ff:ff'/></network>",
                        "XML error: expected unicast mac address, found multicast 'ff:ff:ff:ff:ff:ff'"));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void networkErrors(String xml, String message) {
        check(xml, message, ErrorDomain.NETWORK, VireoXml::parseNetwork);
    }

    static Stream<Arguments> pools() {
        return Stream.of(
                Arguments.of("<pool><name>p</name></pool>", "XML error: missing required attribute 'type' in <pool>"),
                Arguments.of("<pool type='floppy'><name>p</name></pool>", "XML error: unknown storage pool type floppy"),
                Arguments.of("<pool type='dir'><name>p</name></pool>", "XML error: missing storage pool target path"),
                Arguments.of("<pool type='fs'><name>p</name><target><path>/m</path></target></pool>",
                        "XML error: missing storage pool source device path"),
                Arguments.of("<pool type='netfs'><name>p</name><source><dir path='/e'/></source>"
                        + "<target><path>/m</path></target></pool>", "XML error: missing storage pool source host name"),
                Arguments.of("<pool type='dir'><name>p</name><capacity unit='parsec'>1</capacity>"
                        + "<target><path>/p</path></target></pool>", "XML error: unknown unit 'parsec' in <capacity>"),
                Arguments.of("<pool type='dir'><name>p</name><target><path>/p</path><permissions>"
                        + "<mode>0999</mode></permissions></target></pool>",
                        "XML error: malformed octal mode '0999' in <permissions>"),
                Arguments.of("<pool type='dir'><name>p/q</name><target><path>/p</path></target></pool>",
                        "XML error: name p/q cannot contain '/'"));
    }

    @ParameterizedTest
    @MethodSource("pools")
    void poolErrors(String xml, String message) {
        check(xml, message, ErrorDomain.STORAGE, VireoXml::parsePool);
    }

    static Stream<Arguments> volumes() {
        return Stream.of(
                Arguments.of("<volume><name>v</name></volume>", "XML error: missing capacity element"),
                Arguments.of("<volume><capacity>1</capacity></volume>",
                        "XML error: missing required element 'name' in <volume>"),
                Arguments.of("<volume type='tape'><name>v</name><capacity>1</capacity></volume>",
                        "XML error: Invalid value for attribute 'type' in element 'volume': 'tape'."),
                Arguments.of("<volume><name>v</name><capacity unit='Q'>1</capacity></volume>",
                        "XML error: unknown unit 'Q' in <capacity>"),
                Arguments.of("<volume><name>v</name><capacity>ten</capacity></volume>",
                        "XML error: Invalid value 'ten' for element <capacity>: expected a non-negative integer"),
                Arguments.of("<volume><name>v</name><capacity>10</capacity><allocation>20</allocation>"
                        + "<target><format type='raw'/></target></volume>",
                        "XML error: allocation 20 exceeds capacity 10 for volume 'v'"),
                Arguments.of("<volume><name>v</name><capacity>1</capacity><backingStore/></volume>",
                        "XML error: missing required element 'path' in <backingStore>"));
    }

    @ParameterizedTest
    @MethodSource("volumes")
    void volumeErrors(String xml, String message) {
        check(xml, message, ErrorDomain.STORAGE, VireoXml::parseVolume);
    }

    static Stream<Arguments> snapshots() {
        return Stream.of(
                Arguments.of("<domainsnapshot><state>flying</state></domainsnapshot>",
                        "XML error: invalid value 'flying' for <state> in <domainsnapshot>"),
                Arguments.of("<domainsnapshot><memory snapshot='external'/></domainsnapshot>",
                        "XML error: external memory snapshots require a filename"),
                Arguments.of("<domainsnapshot><memory snapshot='sometimes'/></domainsnapshot>",
                        "XML error: Invalid value for attribute 'snapshot' in element 'memory': 'sometimes'."),
                Arguments.of("<domainsnapshot><disks><disk snapshot='no'/></disks></domainsnapshot>",
                        "XML error: missing required attribute 'name' in <disk>"),
                Arguments.of("<domainsnapshot><parent/></domainsnapshot>",
                        "XML error: missing required element 'name' in <parent>"),
                Arguments.of("<domainsnapshot><name>a/b</name></domainsnapshot>", "XML error: name a/b cannot contain '/'"),
                Arguments.of("<domain type='kvm'/>", "XML error: expecting root element of 'domainsnapshot', not 'domain'"));
    }

    @ParameterizedTest
    @MethodSource("snapshots")
    void snapshotErrors(String xml, String message) {
        check(xml, message, ErrorDomain.DOMAIN_SNAPSHOT, VireoXml::parseSnapshot);
    }

    @org.junit.jupiter.api.Test
    void embeddedDomainErrorsKeepTheDomainMessage() {
        VirtException e = assertThrows(VirtException.class, () -> VireoXml.parseSnapshot(
                "<domainsnapshot><name>s</name><domain type='kvm'><name>x</name></domain></domainsnapshot>"));
        assertEquals("XML error: Memory size must be specified via <memory> or in the <numa> configuration",
                e.getMessage());
    }

    private static void check(String xml, String message, ErrorDomain domain, Consumer<String> parser) {
        VirtException e = assertThrows(VirtException.class, () -> parser.accept(xml));
        assertEquals(message, e.getMessage());
        if (message.startsWith("numerical overflow")) {
            assertEquals(ErrorCode.OVERFLOW, e.code()); // libvirt reports an oversized value as it is
            return;
        }
        assertEquals(ErrorCode.XML_ERROR, e.code());
        assertEquals(domain, e.domain());
    }
}
