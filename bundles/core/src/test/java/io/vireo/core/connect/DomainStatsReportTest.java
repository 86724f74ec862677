package io.vireo.core.connect;

import io.vireo.api.DomainState;
import io.vireo.api.DomainStateReason;
import io.vireo.api.DomainStatsGroups;
import io.vireo.api.DomainStatsRecord;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.ListFlags;
import io.vireo.api.TypedParameter;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DomainRef;
import io.vireo.api.spi.DomainStats;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * virConnectGetAllDomainStats as the core makes it: the state group for every driver, the driver's own
 * groups after it, libvirt's refusals (unknown flags, ENFORCE_STATS with a group the driver lacks), the
 * list filters, and domains that vanish meanwhile left out.
 */
class DomainStatsReportTest {
    private static final DomainRef RUNNING = new DomainRef("web", UUID.fromString("11111111-0000-0000-0000-000000000001"), 3);
    private static final DomainRef OFF = new DomainRef("db", UUID.fromString("11111111-0000-0000-0000-000000000002"), -1);
    private static final UUID GONE = UUID.fromString("11111111-0000-0000-0000-000000000003");

    private final List<String> calls = new ArrayList<>();

    private DomainDefinitions definitions() {
        return (DomainDefinitions) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DomainDefinitions.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "listAll" -> ((Integer) args[0] & ListFlags.DOMAIN_ACTIVE) != 0 ? List.of(RUNNING)
                            : List.of(RUNNING, OFF);
                    case "lookupByUuid" -> {
                        if (args[0].equals(RUNNING.uuid())) {
                            yield RUNNING;
                        } else if (args[0].equals(OFF.uuid())) {
                            yield OFF;
                        }
                        throw VirtException.of(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "no domain with matching uuid");
                    }
                    case "state" -> args[0].equals(RUNNING.uuid())
                            ? new DomainStateReason(DomainState.RUNNING, DomainStateReason.Reasons.RUNNING_BOOTED)
                            : new DomainStateReason(DomainState.SHUTOFF, DomainStateReason.Reasons.SHUTOFF_SHUTDOWN);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A driver reporting CPU_TOTAL and BALLOON: one made-up counter each. */
    private DomainStats driverStats() {
        return (DomainStats) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DomainStats.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "statsGroups" -> DomainStatsGroups.CPU_TOTAL | DomainStatsGroups.BALLOON;
                    case "allDomainStats" -> null; // the core builds the answer
                    case "domainStats" -> {
                        calls.add("domainStats " + args[0] + " 0x" + Integer.toHexString((Integer) args[1]));
                        List<TypedParameter> p = new ArrayList<>();
                        if (((Integer) args[1] & DomainStatsGroups.CPU_TOTAL) != 0) {
                            p.add(TypedParameter.ofULLong("cpu.time", 1234));
                        }
                        if (((Integer) args[1] & DomainStatsGroups.BALLOON) != 0) {
                            p.add(TypedParameter.ofULLong("balloon.current", 1024));
                        }
                        yield p;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private DomainStatsReport report(DomainStats stats) {
        return new DomainStatsReport(definitions(), stats, ErrorDomain.TEST, ref -> null);
    }

    private static String text(List<DomainStatsRecord> records) {
        StringBuilder b = new StringBuilder();
        for (DomainStatsRecord r : records) {
            b.append('[');
            for (TypedParameter p : r.params()) {
                b.append(p.name()).append('=').append(p.text()).append(' ');
            }
            b.append(']');
        }
        return b.toString();
    }

    @Test
    void aDriverWithoutStatisticsReportsTheStateOfEveryDomain() {
        DomainStatsReport r = report(null);
        assertEquals(DomainStatsGroups.STATE, r.supportedGroups());
        assertEquals("[state.state=1 state.reason=1 ][state.state=5 state.reason=1 ]",
                text(r.collect(List.of(), 0, 0, "virConnectGetAllDomainStats")));
        // A group it lacks is left out: the records are there, empty.
        assertEquals("[][]", text(r.collect(List.of(), DomainStatsGroups.CPU_TOTAL, 0, "virConnectGetAllDomainStats")));
    }

    @Test
    void enforcedGroupsTheDriverLacksAreRefusedInLibvirtsWords() {
        VirtException e = assertThrows(VirtException.class, () -> report(null).collect(List.of(),
                DomainStatsGroups.STATE | DomainStatsGroups.BLOCK, DomainStatsGroups.ENFORCE_STATS,
                "virConnectGetAllDomainStats"));
        assertEquals(ErrorCode.ARGUMENT_UNSUPPORTED, e.code());
        assertEquals("argument unsupported: Stats types bits 0x20 are not supported by this daemon", e.getMessage());
        // Enforced groups the driver has are fine.
        assertEquals(2, report(driverStats()).collect(List.of(), DomainStatsGroups.CPU_TOTAL,
                DomainStatsGroups.ENFORCE_STATS, "virConnectGetAllDomainStats").size());
    }

    @Test
    void unknownFlagsAreRefused() {
        VirtException e = assertThrows(VirtException.class,
                () -> report(null).collect(List.of(), 0, 1 << 16, "virDomainListGetStats"));
        assertEquals(ErrorCode.INVALID_ARG, e.code());
        assertEquals("invalid argument: unsupported flags (0x10000) in function virDomainListGetStats", e.getMessage());
    }

    @Test
    void theDriversGroupsFollowTheStateAndOnlyTheOnesAskedFor() {
        DomainStatsReport r = report(driverStats());
        assertEquals("[state.state=1 state.reason=1 cpu.time=1234 balloon.current=1024 ]",
                text(r.collect(List.of(RUNNING.uuid()), 0, 0, "virDomainListGetStats")));
        assertEquals(List.of("domainStats " + RUNNING.uuid() + " 0x6"), calls);
        calls.clear();
        assertEquals("[balloon.current=1024 ]", text(r.collect(List.of(RUNNING.uuid()),
                DomainStatsGroups.BALLOON | DomainStatsGroups.VCPU, 0, "virDomainListGetStats")));
        assertEquals(List.of("domainStats " + RUNNING.uuid() + " 0x4"), calls);
    }

    @Test
    void filtersApplyToNamedDomainsAndVanishedDomainsAreLeftOut() {
        DomainStatsReport r = report(null);
        assertEquals("[state.state=1 state.reason=1 ]", text(r.collect(List.of(OFF.uuid(), RUNNING.uuid()),
                DomainStatsGroups.STATE, ListFlags.DOMAIN_ACTIVE, "virDomainListGetStats")));
        assertEquals("[state.state=5 state.reason=1 ]", text(r.collect(List.of(GONE, OFF.uuid()),
                DomainStatsGroups.STATE, 0, "virDomainListGetStats")));
        assertEquals("[state.state=1 state.reason=1 ]", text(r.collect(List.of(), DomainStatsGroups.STATE,
                ListFlags.DOMAIN_ACTIVE, "virConnectGetAllDomainStats")));
    }
}
