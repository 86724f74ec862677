package io.vireo.core.connect;

import io.vireo.api.Domain;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.Network;
import io.vireo.api.StoragePool;
import io.vireo.api.StorageVolume;
import io.vireo.api.VirtException;
import io.vireo.core.audit.AuditRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every change through a connection is audited once, with who, what, on which object and how it ended. */
class AuditedChangesTest {
    private static final String WHO = "alice@ssh(/10.0.0.5:4000)";
    private static final String DOMAIN = "uri=test:///default domain=vm1 uuid=" + FakeDriver.DOMAIN_UUID;

    private final List<AuditRecord> audit = new ArrayList<>();
    private FakeDriver driver = new FakeDriver();

    private ConnectionImpl connect(boolean readOnly) {
        return new ConnectionImpl("test:///default", "test", driver, readOnly, WHO, audit::add, c -> { });
    }

    private List<String> lines() {
        return audit.stream().map(AuditRecord::line).toList();
    }

    @Test
    void successIsOneLineWithWhoWhatWhichAndOk() {
        connect(false).lookupDomainByName("vm1").create(0);
        assertEquals(List.of("user=" + WHO + " api=virDomainCreateWithFlags " + DOMAIN + " result=ok"), lines());
    }

    @Test
    void driverErrorIsRecordedWithItsCodeAndMessageAndStillThrown() {
        driver.failing("DomainLifecycle.start", VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST,
                "Domain 'vm1' is already running"));
        Domain d = connect(false).lookupDomainByName("vm1");
        assertThrows(VirtException.class, () -> d.create(0));
        assertEquals(List.of("user=" + WHO + " api=virDomainCreateWithFlags " + DOMAIN
                + " result=error code=OPERATION_INVALID(55)"
                + " message=\"Requested operation is not valid: Domain 'vm1' is already running\""), lines());
    }

    @Test
    void readOnlyRefusalIsAuditedAndTheDriverNeverCalled() {
        Domain d = connect(true).lookupDomainByName("vm1");
        driver.calls.clear();
        VirtException e = assertThrows(VirtException.class, () -> d.destroy(0));
        assertEquals(ErrorCode.OPERATION_DENIED, e.code());
        assertEquals(List.of(), driver.calls);
        assertEquals(List.of("user=" + WHO + " api=virDomainDestroyFlags " + DOMAIN
                + " result=error code=OPERATION_DENIED(29)"
                + " message=\"operation forbidden: read only access prevents virDomainDestroyFlags\""), lines());
    }

    @Test
    void definitionsAreNamedFromWhatTheDriverAcceptedOrDashWhenItRefused() {
        ConnectionImpl c = connect(false);
        c.defineDomain("<domain/>", 0);
        driver.failing("DomainDefinitions.define", VirtException.of(ErrorCode.XML_ERROR, ErrorDomain.XML, "bad"));
        assertThrows(VirtException.class, () -> c.defineDomain("<domain/>", 0));
        assertEquals(List.of("user=" + WHO + " api=virDomainDefineXML " + DOMAIN + " result=ok",
                "user=" + WHO + " api=virDomainDefineXML uri=test:///default domain=- result=error"
                        + " code=XML_ERROR(27) message=\"XML error: bad\""), lines());
    }

    @Test
    void unsupportedChangesAreAuditedToo() {
        ConnectionImpl c = new ConnectionImpl("test:///default", "test", () -> ErrorDomain.TEST, false, WHO,
                audit::add, x -> { });
        assertThrows(VirtException.class, () -> c.defineNetwork("<network/>", 0));
        assertEquals(List.of("user=" + WHO + " api=virNetworkDefineXML uri=test:///default network=- result=error"
                + " code=NO_SUPPORT(3)"
                + " message=\"this function is not supported by the connection driver: virNetworkDefineXML\""),
                lines());
    }

    @Test
    void everyChangeOfEveryObjectIsAuditedOnceAndNoReadIs() {
        ConnectionImpl c = connect(false);
        Domain d = c.lookupDomainByName("vm1");
        Network n = c.lookupNetworkByName("net1");
        StoragePool p = c.lookupStoragePoolByName("pool1");
        StorageVolume v = p.lookupVolumeByName("vol1");
        Map<String, Consumer<ConnectionImpl>> changes = new LinkedHashMap<>();
        changes.put("virDomainDefineXML domain=vm1", x -> x.defineDomain("<domain/>", 0));
        changes.put("virDomainCreateXML domain=vm1", x -> x.createDomain("<domain/>", 0));
        changes.put("virDomainCreateWithFlags domain=vm1", x -> d.create(0));
        changes.put("virDomainShutdownFlags domain=vm1", x -> d.shutdown(0));
        changes.put("virDomainDestroyFlags domain=vm1", x -> d.destroy(0));
        changes.put("virDomainReboot domain=vm1", x -> d.reboot(0));
        changes.put("virDomainSuspend domain=vm1", x -> d.suspend());
        changes.put("virDomainResume domain=vm1", x -> d.resume());
        changes.put("virDomainUndefineFlags domain=vm1", x -> d.undefine(0));
        changes.put("virDomainSetAutostart domain=vm1", x -> d.setAutostart(true));
        changes.put("virDomainSetMemoryFlags domain=vm1", x -> d.setMemory(1024, 0));
        changes.put("virDomainSetVcpusFlags domain=vm1", x -> d.setVcpus(1, 0));
        changes.put("virDomainSnapshotCreateXML snapshot=vm1/snap1", x -> d.createSnapshot("<domainsnapshot/>", 0));
        changes.put("virDomainRevertToSnapshot snapshot=vm1/snap1", x -> d.lookupSnapshotByName("snap1").revert(0));
        changes.put("virDomainSnapshotDelete snapshot=vm1/snap1", x -> d.lookupSnapshotByName("snap1").delete(0));
        changes.put("virNetworkDefineXML network=net1", x -> x.defineNetwork("<network/>", 0));
        changes.put("virNetworkCreateXML network=net1", x -> x.createNetwork("<network/>", 0));
        changes.put("virNetworkCreate network=net1", x -> n.create());
        changes.put("virNetworkDestroy network=net1", x -> n.destroy());
        changes.put("virNetworkUndefine network=net1", x -> n.undefine());
        changes.put("virNetworkSetAutostart network=net1", x -> n.setAutostart(true));
        changes.put("virStoragePoolDefineXML pool=pool1", x -> x.defineStoragePool("<pool/>", 0));
        changes.put("virStoragePoolCreateXML pool=pool1", x -> x.createStoragePool("<pool/>", 0));
        changes.put("virStoragePoolBuild pool=pool1", x -> p.build(0));
        changes.put("virStoragePoolCreate pool=pool1", x -> p.create(0));
        changes.put("virStoragePoolDestroy pool=pool1", x -> p.destroy());
        changes.put("virStoragePoolDelete pool=pool1", x -> p.delete(0));
        changes.put("virStoragePoolUndefine pool=pool1", x -> p.undefine());
        changes.put("virStoragePoolRefresh pool=pool1", x -> p.refresh(0));
        changes.put("virStoragePoolSetAutostart pool=pool1", x -> p.setAutostart(true));
        changes.put("virStorageVolCreateXML volume=pool1/vol1", x -> p.createVolume("<volume/>", 0));
        changes.put("virStorageVolDelete volume=pool1/vol1", x -> v.delete(0));
        for (Map.Entry<String, Consumer<ConnectionImpl>> change : changes.entrySet()) {
            audit.clear();
            change.getValue().accept(c);
            assertEquals(1, audit.size(), change.getKey());
            String[] expected = change.getKey().split(" ");
            assertEquals(expected[0], audit.get(0).api());
            assertTrue(audit.get(0).line().contains(" " + expected[1] + " "), audit.get(0).line());
        }

        audit.clear();
        d.info();
        d.state();
        d.xmlDesc(0);
        d.autostart();
        d.listAllSnapshots(0);
        n.isActive();
        n.xmlDesc(0);
        p.info();
        p.listAllVolumes(0);
        v.info();
        c.listAllDomains(0);
        assertEquals(List.of(), audit);
    }
}
