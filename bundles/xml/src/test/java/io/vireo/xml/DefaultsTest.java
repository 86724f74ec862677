package io.vireo.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.InterfaceDef;
import io.vireo.xml.network.NetworkDef;
import io.vireo.xml.snapshot.SnapshotDef;
import io.vireo.xml.storage.StoragePoolDef;
import io.vireo.xml.storage.StorageVolumeDef;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What parsing fills in when a definition leaves it out, as libvirt does on define. */
class DefaultsTest {
    private static final String MINIMAL = "<domain type='kvm'><name>vm</name><memory unit='GiB'>4</memory>"
            + "<os><type>hvm</type></os>%s</domain>";

    private static DomainDef domain(String extra) {
        return VireoXml.parseDomain(String.format(MINIMAL, extra));
    }

    @Test
    void minimalDomainGetsLibvirtDefaults() {
        DomainDef d = domain("");
        assertNotNull(d.getUuid());
        assertEquals(4194304, d.getMemoryKiB());
        assertEquals(4194304, d.getCurrentMemoryKiB());
        assertEquals(1, d.getVcpus());
        assertEquals(1, d.getMaxVcpus());
        assertEquals("utc", d.getClock().getOffset());
        assertEquals("destroy", d.getOnPoweroff());
        assertEquals("restart", d.getOnReboot());
        assertEquals("destroy", d.getOnCrash());
        assertNull(d.getId());
        String xml = VireoXml.formatDomain(d);
        assertTrue(xml.contains("  <memory unit='KiB'>4194304</memory>\n"), xml);
        assertTrue(xml.contains("  <currentMemory unit='KiB'>4194304</currentMemory>\n"), xml);
        assertTrue(xml.contains("  <vcpu placement='static'>1</vcpu>\n"), xml);
        assertTrue(xml.contains("  <clock offset='utc'/>\n"), xml);
        assertTrue(xml.contains("  <devices>\n  </devices>\n"), xml);
        assertTrue(xml.startsWith("<domain type='kvm'>\n  <name>vm</name>\n  <uuid>" + d.getUuid() + "</uuid>\n"));
    }

    @Test
    void hvmGuestWithoutBootOrderBootsFromDisk() {
        assertEquals(java.util.List.of("hd"), domain("").getOs().getBootDevices());
        DomainDef perDevice = domain("<devices><disk><source file='/a'/><target dev='vda'/><boot order='1'/></disk>"
                + "</devices>");
        assertTrue(perDevice.getOs().getBootDevices().isEmpty());
        DomainDef container = VireoXml.parseDomain("<domain type='lxc'><name>c</name><memory>1024</memory>"
                + "<os><type>exe</type><init>/sbin/init</init></os></domain>");
        assertTrue(container.getOs().getBootDevices().isEmpty());
    }

    @Test
    void eachParseOfAUuidlessDefinitionGetsANewUuid() {
        assertNotEquals(domain("").getUuid(), domain("").getUuid());
    }

    @Test
    void uuidWithoutDashesIsAccepted() {
        DomainDef d = domain("<uuid>6695eb01f6a4830479aa97f2502e193f</uuid>");
        assertEquals(UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f"), d.getUuid());
    }

    @Test
    void memoryUnitsAreConvertedToKib() {
        assertEquals(524288, VireoXml.parseDomain(
                "<domain type='kvm'><name>v</name><memory unit='MiB'>512</memory><os><type>hvm</type></os></domain>")
                .getMemoryKiB());
        assertEquals(977, VireoXml.parseDomain(
                "<domain type='kvm'><name>v</name><memory unit='b'>1000000</memory><os><type>hvm</type></os></domain>")
                .getMemoryKiB());
        assertEquals(976563, VireoXml.parseDomain(
                "<domain type='kvm'><name>v</name><memory unit='GB'>1</memory><os><type>hvm</type></os></domain>")
                .getMemoryKiB());
    }

    @Test
    void currentMemoryAboveMemoryIsClampedAsLibvirtDoes() {
        DomainDef d = domain("<currentMemory unit='GiB'>8</currentMemory>");
        assertEquals(4194304, d.getCurrentMemoryKiB());
    }

    @Test
    void vcpuCurrentEqualToMaxIsNotWritten() {
        DomainDef d = domain("<vcpu current='2'>2</vcpu>");
        assertEquals(2, d.getVcpus());
        assertEquals(2, d.getMaxVcpus());
        assertTrue(VireoXml.formatDomain(d).contains("<vcpu placement='static'>2</vcpu>"));
        DomainDef e = domain("<vcpu current='1'>4</vcpu>");
        assertEquals(1, e.getVcpus());
        assertEquals(4, e.getMaxVcpus());
        assertTrue(VireoXml.formatDomain(e).contains("<vcpu placement='static' current='1'>4</vcpu>"));
    }

    @Test
    void settingVcpusKeepsCurrentWithinMaximum() {
        DomainDef d = domain("<vcpu current='2'>4</vcpu>");
        d.setVcpus(6);
        assertEquals(6, d.getMaxVcpus());
        d.setMaxVcpus(3);
        assertEquals(3, d.getVcpus());
        d.setVcpus(1);
        assertTrue(VireoXml.formatDomain(d).contains("<vcpu placement='static' current='1'>3</vcpu>"));
    }

    @Test
    void interfacesWithoutMacGetAQemuRangeMac() {
        DomainDef d = domain("<devices><interface type='network'><source network='default'/></interface>"
                + "<interface type='bridge'><mac address='AA:0B:c:dd:ee:ff'/><source bridge='br0'/></interface>"
                + "</devices>");
        InterfaceDef generated = d.getInterfaces().get(0);
        assertTrue(generated.getMac().matches("52:54:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}"), generated.getMac());
        assertEquals("aa:0b:0c:dd:ee:ff", d.getInterfaces().get(1).getMac());
        String xml = VireoXml.formatDomain(d);
        assertTrue(xml.contains("<mac address='" + generated.getMac() + "'/>"));
        assertEquals(generated.getMac(), VireoXml.parseDomain(xml).getInterfaces().get(0).getMac());
    }

    @Test
    void diskBusFollowsTheTargetName() {
        DomainDef d = domain("<devices>"
                + "<disk type='file' device='disk'><source file='/a'/><target dev='vda'/></disk>"
                + "<disk type='file' device='disk'><source file='/b'/><target dev='sdb'/></disk>"
                + "<disk type='file' device='cdrom'><source file='/c.iso'/><target dev='hdc'/></disk>"
                + "<disk type='file' device='floppy'><source file='/d.img'/><target dev='fda'/></disk>"
                + "</devices>");
        assertEquals("virtio", d.getDisks().get(0).getTargetBus());
        assertEquals("scsi", d.getDisks().get(1).getTargetBus());
        assertEquals("ide", d.getDisks().get(2).getTargetBus());
        assertEquals("fdc", d.getDisks().get(3).getTargetBus());
    }

    @Test
    void diskTargetNameFollowsTheBusAndSkipsTakenNames() {
        DomainDef d = domain("<devices>"
                + "<disk><source file='/a'/><target bus='virtio'/></disk>"
                + "<disk><source file='/b'/><target dev='vdb' bus='virtio'/></disk>"
                + "<disk><source file='/c'/><target bus='virtio'/></disk>"
                + "<disk device='cdrom'><target bus='sata'/></disk>"
                + "<disk><source file='/e'/><target bus='ide'/></disk>"
                + "</devices>");
        assertEquals("vda", d.getDisks().get(0).getTargetDev());
        assertEquals("vdb", d.getDisks().get(1).getTargetDev());
        assertEquals("vdc", d.getDisks().get(2).getTargetDev());
        assertEquals("sda", d.getDisks().get(3).getTargetDev());
        assertEquals("hda", d.getDisks().get(4).getTargetDev());
        DiskDef cdrom = d.getDevices().findDisk("sda");
        assertEquals("cdrom", cdrom.getDevice());
        assertNull(cdrom.sourcePath());
    }

    @Test
    void diskTypeAndDeviceDefaultToFileDisk() {
        DiskDef disk = domain("<devices><disk><source file='/a'/><target dev='vda'/></disk></devices>").getDisks().get(0);
        assertEquals("file", disk.getType());
        assertEquals("disk", disk.getDevice());
    }

    @Test
    void runtimeIdIsFormattedOnlyOnRequest() {
        DomainDef d = domain("");
        d.setId(5);
        assertTrue(VireoXml.formatDomain(d).startsWith("<domain type='kvm' id='5'>\n"));
        assertTrue(VireoXml.formatDomain(d, false).startsWith("<domain type='kvm'>\n"));
        DomainDef inactive = VireoXml.parseDomain(VireoXml.formatDomain(d).replace("id='5'", "id='-1'"));
        assertNull(inactive.getId());
    }

    @Test
    void driversCanChangeADefinitionAndFormatIt() {
        DomainDef d = domain("");
        d.setCurrentMemoryKiB(1048576L);
        d.setMaxVcpus(4);
        d.setVcpus(2);
        d.getOs().getBootDevices().add(0, "cdrom");
        DiskDef disk = new DiskDef();
        disk.setSourceFile("/var/lib/vireo/vm.img");
        disk.setTargetDev("vda");
        disk.setTargetBus("virtio");
        d.devices().getDisks().add(disk);
        String xml = VireoXml.formatDomain(d);
        assertTrue(xml.contains("  <currentMemory unit='KiB'>1048576</currentMemory>\n"));
        assertTrue(xml.contains("  <vcpu placement='static' current='2'>4</vcpu>\n"));
        assertTrue(xml.contains("    <boot dev='cdrom'/>\n    <boot dev='hd'/>\n"), xml);
        assertTrue(xml.contains("    <disk type='file' device='disk'>\n      <source file='/var/lib/vireo/vm.img'/>\n"
                + "      <target dev='vda' bus='virtio'/>\n    </disk>\n"), xml);
        assertEquals(xml, VireoXml.formatDomain(VireoXml.parseDomain(xml)));
    }

    @Test
    void attributeAndTextValuesAreEscapedLikeLibvirt() {
        DomainDef d = domain("");
        d.setDescription("quotes ' \" and <tags> & more");
        d.devices().getDisks().add(new DiskDef());
        d.getDisks().get(0).setSourceFile("/it's/a \"path\"");
        d.getDisks().get(0).setTargetDev("vda");
        String xml = VireoXml.formatDomain(d);
        assertTrue(xml.contains("<description>quotes &apos; &quot; and &lt;tags&gt; &amp; more</description>"), xml);
        assertTrue(xml.contains("<source file='/it&apos;s/a &quot;path&quot;'/>"), xml);
        DomainDef back = VireoXml.parseDomain(xml);
        assertEquals(d.getDescription(), back.getDescription());
        assertEquals("/it's/a \"path\"", back.getDisks().get(0).getSourceFile());
    }

    @Test
    void metadataIsKeptVerbatimAndReindentedWhenNested() {
        String xml = Fixtures.read("corpus/domain/kvm-metadata.xml");
        DomainDef d = VireoXml.parseDomain(xml);
        assertTrue(d.getMetadataXml().startsWith("<vireo:instance xmlns:vireo=\"http://vireo.io/xmlns/instance/1.0\">\n"
                + "  <vireo:owner>tenant-a</vireo:owner>"), d.getMetadataXml());
        assertTrue(d.getMetadataXml().contains("<!-- comments survive too -->"));
        SnapshotDef s = new SnapshotDef();
        s.setName("s1");
        s.setCreationTime(1L);
        s.setDomain(d);
        String snap = VireoXml.formatSnapshot(s);
        assertTrue(snap.contains("\n    <metadata>\n      <vireo:instance xmlns:vireo=\"http://vireo.io/xmlns/instance/1.0\">\n"
                + "        <vireo:owner>tenant-a</vireo:owner>\n"), snap);
        assertEquals(d.getMetadataXml(), VireoXml.parseSnapshot(snap).getDomain().getMetadataXml());
    }

    @Test
    void unknownDevicesAndTopLevelElementsAreKeptInLibvirtOrder() {
        DomainDef d = domain("<devices><watchdog model='i6300esb'/><frobnicator level='11'/>"
                + "<disk><source file='/a'/><target dev='vda'/></disk><hostdev mode='subsystem' type='usb'/></devices>"
                + "<seclabel type='none'/><memtune><hard_limit unit='KiB'>1</hard_limit></memtune>");
        String xml = VireoXml.formatDomain(d);
        int disk = xml.indexOf("<disk");
        int hostdev = xml.indexOf("<hostdev");
        int watchdog = xml.indexOf("<watchdog");
        int frob = xml.indexOf("<frobnicator");
        assertTrue(disk < hostdev && hostdev < watchdog && watchdog < frob, xml);
        assertTrue(xml.indexOf("<memtune>") < xml.indexOf("<vcpu"), xml);
        assertTrue(xml.indexOf("</devices>") < xml.indexOf("<seclabel"), xml);
        // verbatim means verbatim: a fragment keeps its own layout
        assertTrue(xml.contains("  <memtune><hard_limit unit='KiB'>1</hard_limit></memtune>\n"), xml);
    }

    @Test
    void networkForwardWithoutModeIsNat() {
        NetworkDef n = VireoXml.parseNetwork("<network><name>n</name><forward/></network>");
        assertEquals("nat", n.getForwardMode());
        assertNotNull(n.getUuid());
        assertTrue(VireoXml.formatNetwork(n).contains("<forward mode='nat'/>"));
    }

    @Test
    void isolatedNetworkHasNoForward() {
        NetworkDef n = VireoXml.parseNetwork("<network><name>n</name><bridge name='virbr5'/></network>");
        assertNull(n.getForwardMode());
        assertFalse(VireoXml.formatNetwork(n).contains("<forward"));
    }

    @Test
    void logicalPoolDefaultsItsVolumeGroupAndTarget() {
        StoragePoolDef p = VireoXml.parsePool("<pool type='logical'><name>vg0</name>"
                + "<source><device path='/dev/sdb'/></source></pool>");
        assertEquals("vg0", p.getSourceName());
        assertEquals("/dev/vg0", p.getTargetPath());
        assertEquals(0, p.getCapacity());
    }

    @Test
    void poolSizesAcceptUnits() {
        StoragePoolDef p = VireoXml.parsePool("<pool type='dir'><name>d</name><capacity unit='GiB'>100</capacity>"
                + "<target><path>/d</path></target></pool>");
        assertEquals(107374182400L, p.getCapacity());
    }

    @Test
    void volumeSizesAcceptUnitsAndAllocationDefaultsToCapacity() {
        StorageVolumeDef v = VireoXml.parseVolume("<volume><name>v.img</name><capacity unit='G'>10</capacity>"
                + "<target><format type='raw'/></target></volume>");
        assertEquals(10737418240L, v.getCapacity());
        assertNull(v.getAllocation());
        assertEquals(10737418240L, v.allocationOrCapacity());
        assertEquals("file", v.getType());
        String xml = VireoXml.formatVolume(v);
        assertTrue(xml.contains("  <allocation unit='bytes'>10737418240</allocation>\n"), xml);
        StorageVolumeDef sparse = VireoXml.parseVolume(
                "<volume><name>v</name><capacity unit='M'>10</capacity><allocation>0</allocation></volume>");
        assertEquals(0L, sparse.getAllocation());
    }

    @Test
    void snapshotWithoutNameIsNamedAfterItsCreationTime() {
        long before = System.currentTimeMillis() / 1000;
        SnapshotDef s = VireoXml.parseSnapshot("<domainsnapshot><description>quick</description></domainsnapshot>");
        assertTrue(s.getCreationTime() >= before);
        assertEquals(Long.toString(s.getCreationTime()), s.getName());
        SnapshotDef t = VireoXml.parseSnapshot("<domainsnapshot><creationTime>1700000000</creationTime>"
                + "<memory file='/m.save'/></domainsnapshot>");
        assertEquals("1700000000", t.getName());
        assertEquals("external", t.getMemorySnapshot());
    }

    @Test
    void copiesAreIndependent() {
        NetworkDef n = VireoXml.parseNetwork(Fixtures.read("virsh/network-default.xml"));
        NetworkDef nc = n.copy();
        nc.getIps().get(0).getDhcpRanges().clear();
        assertEquals(1, n.getIps().get(0).getDhcpRanges().size());
        StoragePoolDef p = VireoXml.parsePool(Fixtures.read("virsh/pool-default.xml"));
        StoragePoolDef pc = p.copy();
        pc.setAllocation(5);
        assertEquals(0, p.getAllocation());
        StorageVolumeDef v = VireoXml.parseVolume(Fixtures.read("virsh/volume-qcow2.xml"));
        assertEquals(VireoXml.formatVolume(v), VireoXml.formatVolume(v.copy()));
        SnapshotDef s = VireoXml.parseSnapshot(Fixtures.read("virsh/snapshot-snap1.xml"));
        SnapshotDef sc = s.copy();
        sc.getDomain().setName("other");
        assertEquals("test", s.getDomain().getName());
    }
}
