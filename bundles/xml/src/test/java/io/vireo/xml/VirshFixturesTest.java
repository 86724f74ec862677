package io.vireo.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.network.NetworkDef;
import io.vireo.xml.snapshot.SnapshotDef;
import io.vireo.xml.storage.StoragePoolDef;
import io.vireo.xml.storage.StorageVolumeDef;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Output of the real virsh (test:///default, Debian's libvirt) must come back byte for byte. */
class VirshFixturesTest {

    @Test
    void runningDomainRoundTripsWithId() {
        String xml = Fixtures.read("virsh/domain-test.xml");
        DomainDef d = VireoXml.parseDomain(xml);
        assertEquals(xml, VireoXml.formatDomain(d));
        assertEquals(1, d.getId());
        assertEquals("test", d.getType());
        assertEquals(UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f"), d.getUuid());
        assertEquals(8388608, d.getMemoryKiB());
        assertEquals(2097152, d.getCurrentMemoryKiB());
        assertEquals(2, d.getVcpus());
        assertEquals(2, d.getMaxVcpus());
        assertEquals("i686", d.getOs().getArch());
        assertEquals("vda", d.getDisks().get(0).getTargetDev());
        assertEquals("aa:bb:cc:dd:ee:ff", d.getInterfaces().get(0).getMac());
    }

    @Test
    void inactiveFormHasNoId() {
        String running = Fixtures.read("virsh/domain-test.xml");
        String inactive = Fixtures.read("virsh/domain-test-inactive.xml");
        DomainDef d = VireoXml.parseDomain(running);
        assertEquals(inactive, VireoXml.formatDomain(d, false));
        assertEquals(inactive, VireoXml.formatDomain(VireoXml.parseDomain(inactive)));
    }

    @Test
    void networkRoundTrips() {
        String xml = Fixtures.read("virsh/network-default.xml");
        NetworkDef n = VireoXml.parseNetwork(xml);
        assertEquals(xml, VireoXml.formatNetwork(n));
        assertEquals("nat", n.getForwardMode());
        assertEquals("virbr0", n.getBridgeName());
        assertEquals(24, n.getIps().get(0).prefixLength());
        assertEquals("192.168.122.2", n.getIps().get(0).getDhcpRanges().get(0).getStart());
    }

    @Test
    void poolRoundTripsIncludingEmptySource() {
        String xml = Fixtures.read("virsh/pool-default.xml");
        StoragePoolDef p = VireoXml.parsePool(xml);
        assertEquals(xml, VireoXml.formatPool(p));
        assertEquals(107374182400L, p.getCapacity());
        assertEquals("/default-pool", p.getTargetPath());
    }

    @Test
    void volumeRoundTrips() {
        String xml = Fixtures.read("virsh/volume-qcow2.xml");
        StorageVolumeDef v = VireoXml.parseVolume(xml);
        assertEquals(xml, VireoXml.formatVolume(v));
        assertEquals(10485760L, v.getCapacity());
        assertEquals("qcow2", v.getTargetFormat());
    }

    @Test
    void snapshotRoundTripsWithNestedDomain() {
        String xml = Fixtures.read("virsh/snapshot-snap1.xml");
        SnapshotDef s = VireoXml.parseSnapshot(xml);
        assertEquals(xml, VireoXml.formatSnapshot(s));
        assertEquals("snap1", s.getName());
        assertEquals("running", s.getState());
        assertEquals("internal", s.getMemorySnapshot());
        assertEquals("vda", s.getDisks().get(0).getName());
        assertEquals("test", s.getDomain().getName());
        assertTrue(s.getCreationTime() > 0);
    }

    @Test
    void copiesAreDeepAndEqualInXml() {
        DomainDef d = VireoXml.parseDomain(Fixtures.read("virsh/domain-test.xml"));
        DomainDef c = d.copy();
        c.setCurrentMemoryKiB(1024L);
        c.getDisks().get(0).setSourceFile("/other");
        assertEquals(2097152, d.getCurrentMemoryKiB());
        assertEquals("/guest/diskimage1", d.getDisks().get(0).getSourceFile());
        assertEquals(VireoXml.formatDomain(d), VireoXml.formatDomain(d.copy()));
        assertFalse(VireoXml.formatDomain(c).equals(VireoXml.formatDomain(d)));
    }
}
