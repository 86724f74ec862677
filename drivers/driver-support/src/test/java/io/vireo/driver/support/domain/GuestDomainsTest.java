package io.vireo.driver.support.domain;

import io.vireo.api.DomainFlags;
import io.vireo.api.DomainState;
import io.vireo.api.DomainStateReason.Reasons;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.ListFlags;
import io.vireo.api.VirtException;
import io.vireo.api.event.DomainEventType;
import io.vireo.api.event.NetworkEventType;
import io.vireo.api.event.StoragePoolEventType;
import io.vireo.api.event.StorageVolumeEventType;
import io.vireo.api.spi.DomainRef;
import io.vireo.api.spi.EventSink;
import io.vireo.core.store.FileDefinitionStore;
import io.vireo.driver.support.process.GuestProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuestDomainsTest {
    private static final String XML = "<domain type='qemu'><name>%s</name><uuid>%s</uuid><memory>65536</memory>"
            + "<vcpu>1</vcpu><os><type>hvm</type></os></domain>";

    @TempDir
    Path dir;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<GuestProcess> started = new ArrayList<>();
    private GuestDomains table;

    private final EventSink sink = new EventSink() {
        @Override
        public void domain(String name, UUID uuid, DomainEventType type, int detail) {
            events.add(name + " " + type + " " + type.detailLabel(detail));
        }

        @Override
        public void network(String name, UUID uuid, NetworkEventType type) {
        }

        @Override
        public void storagePool(String name, UUID uuid, StoragePoolEventType type) {
        }

        @Override
        public void storageVolume(String pool, String name, String key, StorageVolumeEventType type) {
        }
    };

    private GuestDomains newTable() {
        return new GuestDomains(new ShellGuestBackend(), ErrorDomain.QEMU, "qemuDomain",
                new FileDefinitionStore(dir.resolve("config")), sink, dir.resolve("run"));
    }

    private static String xml(String name) {
        return String.format(XML, name, UUID.nameUUIDFromBytes(name.getBytes()));
    }

    @BeforeEach
    void create() {
        table = newTable();
    }

    /** Every guest process this test made is gone afterwards, whatever happened. */
    @AfterEach
    void cleanUp() throws Exception {
        for (String f : dir.resolve("run").toFile().list() == null ? new String[0] : dir.resolve("run").toFile().list()) {
            if (f.endsWith(".status")) {
                LiveRecord r = LiveRecord.parse(Files.readString(dir.resolve("run").resolve(f)));
                GuestProcess.find(r.pid(), r.startTicks()).ifPresent(p -> p.signal(true));
            }
        }
        for (GuestProcess p : started) {
            p.signal(true);
        }
    }

    private DomainRef startNew(String name) {
        DomainRef ref = table.define(xml(name), 0);
        table.start(ref.uuid(), 0);
        return ref;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(10);
        }
    }

    @Test
    void defineStartDestroyFollowLibvirtsStateMachineAndEvents() {
        DomainRef ref = startNew("vm1");
        assertEquals(DomainState.RUNNING, table.state(ref.uuid()).state());
        assertEquals(1, table.lookupByName("vm1").id());
        assertTrue(table.xmlDesc(ref.uuid(), 0).contains("id='1'"));
        assertFalse(table.xmlDesc(ref.uuid(), DomainFlags.XML_INACTIVE).contains("id="));
        VirtException again = assertThrows(VirtException.class, () -> table.start(ref.uuid(), 0));
        assertEquals(ErrorCode.OPERATION_INVALID, again.code());
        assertEquals("Requested operation is not valid: domain is already running", again.getMessage());
        table.destroy(ref.uuid(), 0);
        assertEquals(DomainState.SHUTOFF, table.state(ref.uuid()).state());
        assertEquals(Reasons.SHUTOFF_DESTROYED, table.state(ref.uuid()).reason());
        assertEquals(List.of("vm1 DEFINED Added", "vm1 STARTED Booted", "vm1 STOPPED Destroyed"), events);
        assertThrows(VirtException.class, () -> table.destroy(ref.uuid(), 0));
        assertFalse(Files.exists(dir.resolve("run/vm1.status")), "live state removed");
    }

    /**
     * domstats' groups from a guest driver: what the definition tells for a stopped domain; for a running
     * one also its process' CPU time and resident memory. The shell backend keeps no disk or NIC counters,
     * so those are left out rather than reported as zero.
     */
    @Test
    void domainStatsReportTheDefinitionAndTheRunningProcess() {
        String xml = String.format("<domain type='qemu'><name>st</name><uuid>%s</uuid><memory>65536</memory>"
                + "<currentMemory>32768</currentMemory><vcpu current='1'>2</vcpu><os><type>hvm</type></os><devices>"
                + "<disk type='file' device='disk'><source file='/var/lib/vireo/st.img'/><target dev='vda' bus='virtio'/>"
                + "</disk><interface type='ethernet'><target dev='tap-st'/></interface></devices></domain>",
                UUID.nameUUIDFromBytes("st".getBytes()));
        DomainRef ref = table.define(xml, 0);
        assertEquals(GuestStatsRecord.GROUPS, table.statsGroups());
        assertEquals("balloon.current=32768 balloon.maximum=65536 vcpu.current=1 vcpu.maximum=2 block.count=1 "
                + "block.0.name=vda block.0.path=/var/lib/vireo/st.img ", text(table.domainStats(ref.uuid(),
                GuestStatsRecord.GROUPS)));
        table.start(ref.uuid(), 0);
        String running = text(table.domainStats(ref.uuid(), GuestStatsRecord.GROUPS));
        assertTrue(running.matches("cpu\\.time=\\d+ cpu\\.user=\\d+ cpu\\.system=\\d+ balloon\\.current=32768 "
                + "balloon\\.maximum=65536 balloon\\.rss=[1-9]\\d* vcpu\\.current=1 vcpu\\.maximum=2 net\\.count=1 "
                + "net\\.0\\.name=tap-st block\\.count=1 block\\.0\\.name=vda block\\.0\\.path=/var/lib/vireo/st\\.img "),
                running);
        assertEquals("vcpu.current=1 vcpu.maximum=2 ", text(table.domainStats(ref.uuid(),
                io.vireo.api.DomainStatsGroups.VCPU)));
        assertEquals(io.vireo.api.TypedParameter.Type.UINT, table.domainStats(ref.uuid(),
                io.vireo.api.DomainStatsGroups.VCPU).get(0).type());
        table.destroy(ref.uuid(), 0);
    }

    /** virDomainSetMemoryStatsPeriod: the definition keeps it; a backend that cannot change it live says so. */
    @Test
    void memoryStatsPeriodGoesToTheDefinitionAndNeedsABalloon() {
        String xml = String.format("<domain type='qemu'><name>bp</name><uuid>%s</uuid><memory>65536</memory>"
                + "<vcpu>1</vcpu><os><type>hvm</type></os><devices><memballoon model='virtio'/></devices></domain>",
                UUID.nameUUIDFromBytes("bp".getBytes()));
        DomainRef ref = table.define(xml, 0);
        table.setMemoryStatsPeriod(ref.uuid(), 9, DomainFlags.AFFECT_CONFIG);
        assertTrue(table.xmlDesc(ref.uuid(), 0).contains("<stats period='9'/>"), table.xmlDesc(ref.uuid(), 0));
        table.start(ref.uuid(), 0);
        VirtException e = assertThrows(VirtException.class,
                () -> table.setMemoryStatsPeriod(ref.uuid(), 3, DomainFlags.AFFECT_LIVE));
        assertEquals(ErrorCode.OPERATION_UNSUPPORTED, e.code());
        table.destroy(ref.uuid(), 0);
        DomainRef plain = table.define(xml("nb"), 0);
        e = assertThrows(VirtException.class, () -> table.setMemoryStatsPeriod(plain.uuid(), 3, 0));
        assertEquals(ErrorCode.OPERATION_INVALID, e.code());
        assertEquals("Requested operation is not valid: No memory balloon device configured, can not set the "
                + "collection period", e.getMessage());
    }

    private static String text(List<io.vireo.api.TypedParameter> params) {
        StringBuilder b = new StringBuilder();
        params.forEach(p -> b.append(p.name()).append('=').append(p.text()).append(' '));
        return b.toString();
    }

    @Test
    void aGuestThatPowersOffIsShutOffWithShutdownEvents() throws Exception {
        DomainRef ref = startNew("vm2");
        table.shutdown(ref.uuid(), 0);
        await(() -> table.state(ref.uuid()).state() == DomainState.SHUTOFF);
        assertEquals(Reasons.SHUTOFF_SHUTDOWN, table.state(ref.uuid()).reason());
        await(() -> events.size() == 4);
        assertEquals(List.of("vm2 DEFINED Added", "vm2 STARTED Booted", "vm2 SHUTDOWN Finished", "vm2 STOPPED Shutdown"),
                events);
    }

    @Test
    void suspendResumeAndStartPaused() {
        DomainRef ref = startNew("vm3");
        table.suspend(ref.uuid());
        table.suspend(ref.uuid());
        assertEquals(DomainState.PAUSED, table.state(ref.uuid()).state());
        table.resume(ref.uuid());
        assertEquals(DomainState.RUNNING, table.state(ref.uuid()).state());
        DomainRef t = table.createXml(xml("transient1"), DomainFlags.START_PAUSED);
        assertEquals(DomainState.PAUSED, table.state(t.uuid()).state());
        assertEquals(List.of("vm3 DEFINED Added", "vm3 STARTED Booted", "vm3 SUSPENDED Paused", "vm3 RESUMED Unpaused",
                "transient1 STARTED Booted", "transient1 SUSPENDED Paused"), events);
        table.destroy(t.uuid(), 0);
        assertEquals(ErrorCode.NO_DOMAIN, assertThrows(VirtException.class, () -> table.lookupByName("transient1")).code());
    }

    @Test
    void aCrashedProcessIsShutOffFailed() throws Exception {
        DomainRef ref = startNew("vm4");
        LiveRecord r = LiveRecord.parse(Files.readString(dir.resolve("run/vm4.status")));
        GuestProcess.find(r.pid(), r.startTicks()).orElseThrow().signal(true);
        await(() -> table.state(ref.uuid()).state() == DomainState.SHUTOFF);
        assertEquals(Reasons.SHUTOFF_FAILED, table.state(ref.uuid()).reason());
    }

    @Test
    void aNewTableReattachesToRunningGuestsAndDropsDeadOnes() throws Exception {
        DomainRef keep = startNew("keep");
        int keepId = table.lookupByName("keep").id();
        DomainRef dies = startNew("dies");
        DomainRef tr = table.createXml(xml("transient2"), 0);
        table.suspend(tr.uuid());
        LiveRecord diesRecord = LiveRecord.parse(Files.readString(dir.resolve("run/dies.status")));
        // The daemon goes away without stopping its guests; one of them ends meanwhile.
        table.detachAll();
        GuestProcess.find(diesRecord.pid(), diesRecord.startTicks()).orElseThrow().signal(true);
        await(() -> GuestProcess.find(diesRecord.pid(), diesRecord.startTicks()).isEmpty());
        events.clear();

        GuestDomains after = newTable();
        assertEquals(DomainState.RUNNING, after.state(keep.uuid()).state());
        assertEquals(keepId, after.lookupByName("keep").id());
        assertEquals(DomainState.PAUSED, after.state(tr.uuid()).state());
        assertEquals(DomainState.SHUTOFF, after.state(dies.uuid()).state());
        assertEquals(List.of("dies STOPPED Failed"), events);
        assertEquals(2, after.listAll(ListFlags.DOMAIN_ACTIVE).size());
        // IDs go on after the highest one found.
        DomainRef next = after.define(xml("next"), 0);
        after.start(next.uuid(), 0);
        assertEquals(4, after.lookupByUuid(next.uuid()).id());
        after.destroy(keep.uuid(), 0);
        after.destroy(tr.uuid(), 0);
        after.destroy(next.uuid(), 0);
    }

    @Test
    void clashesAndBadStartsChangeNothing() {
        table.define(xml("a"), 0);
        String otherUuid = String.format(XML, "a", UUID.randomUUID());
        VirtException e = assertThrows(VirtException.class, () -> table.define(otherUuid, 0));
        assertTrue(e.getMessage().contains("domain 'a' already exists with uuid"), e.getMessage());
        e = assertThrows(VirtException.class, () -> table.createXml(xml("broken1"), 0));
        assertTrue(e.getMessage().contains("cannot start 'broken1'"), e.getMessage());
        assertEquals(ErrorCode.NO_DOMAIN, assertThrows(VirtException.class, () -> table.lookupByName("broken1")).code());
        e = assertThrows(VirtException.class, () -> table.define(String.format(XML, "big", UUID.randomUUID())
                .replace("65536", "99999999999"), 0));
        assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code());
        assertEquals(1, table.listAll(0).size());
    }

    @Test
    void runningDomainKeepsItsPersistentDefinitionApart() {
        DomainRef ref = startNew("vm5");
        table.setMemory(ref.uuid(), 32768, DomainFlags.AFFECT_CONFIG);
        assertTrue(table.xmlDesc(ref.uuid(), DomainFlags.XML_INACTIVE).contains("<currentMemory unit='KiB'>32768"));
        assertTrue(table.xmlDesc(ref.uuid(), 0).contains("<currentMemory unit='KiB'>65536"));
        table.undefine(ref.uuid(), 0);
        assertFalse(table.isPersistent(ref.uuid()));
        table.destroy(ref.uuid(), 0);
        assertTrue(table.listAll(0).isEmpty(), "an undefined domain disappears when it stops");
    }

    @Test
    void devicesAttachAndDetachOnTheDefinitionAndRefuseWhatTheBackendCannotPlug() {
        String disk = "<disk type='file' device='disk'><source file='/var/lib/x.img'/><target dev='vdb' bus='virtio'/></disk>";
        DomainRef ref = table.define(xml("devs"), 0);
        table.attachDevice(ref.uuid(), disk, 0);
        assertTrue(table.xmlDesc(ref.uuid(), 0).contains("<target dev='vdb' bus='virtio'/>"));
        VirtException dup = assertThrows(VirtException.class, () -> table.attachDevice(ref.uuid(), disk, 0));
        assertTrue(dup.getMessage().contains("target vdb already exists"), dup.getMessage());
        table.start(ref.uuid(), 0);
        VirtException live = assertThrows(VirtException.class, () -> table.attachDevice(ref.uuid(),
                disk.replace("vdb", "vdc"), DomainFlags.AFFECT_LIVE));
        assertEquals(ErrorCode.OPERATION_UNSUPPORTED, live.code());
        assertEquals("Operation not supported: live attach of device 'disk' is not supported", live.getMessage());
        // Config only, while running: the persistent definition changes, the live one does not.
        table.detachDevice(ref.uuid(), "<disk type='file'><target dev='vdb'/></disk>", DomainFlags.AFFECT_CONFIG);
        assertFalse(table.xmlDesc(ref.uuid(), DomainFlags.XML_INACTIVE).contains("vdb"));
        assertTrue(table.xmlDesc(ref.uuid(), 0).contains("vdb"));
        VirtException missing = assertThrows(VirtException.class, () -> table.detachDevice(ref.uuid(),
                "<disk type='file'><target dev='vdz'/></disk>", DomainFlags.AFFECT_CONFIG));
        assertEquals(ErrorCode.DEVICE_MISSING, missing.code());
        assertTrue(table.cpuStats(ref.uuid()).containsKey("cpu_time"));
        assertTrue(table.memoryStats(ref.uuid()).get("rss") > 0);
        table.destroy(ref.uuid(), 0);
    }
}
