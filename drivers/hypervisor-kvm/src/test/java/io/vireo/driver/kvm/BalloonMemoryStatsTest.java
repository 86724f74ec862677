package io.vireo.driver.kvm;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BalloonMemoryStatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFullReportBecomesLibvirtsNamesUnitsAndOrder() throws Exception {
        // The VMM's query-balloon reply for a 256 MiB guest with 16 MiB in the balloon (MONITOR.md).
        Map<String, Long> m = BalloonMemoryStats.of(JSON.readTree("{\"actual\":251658240,\"target_pages\":4096,"
                + "\"balloon_pages\":4096,\"inflated_pages\":4096,\"deflated_pages\":0,\"stats_period\":2,"
                + "\"last_update\":1763811234,\"stats\":{\"stat-swap-in\":8192,\"stat-swap-out\":4096,"
                + "\"stat-major-faults\":312,\"stat-minor-faults\":48211,\"stat-free-memory\":201326592,"
                + "\"stat-total-memory\":246890496,\"stat-available-memory\":214958080,"
                + "\"stat-disk-caches\":8290304,\"stat-htlb-pgalloc\":3,\"stat-htlb-pgfail\":1}}"), 40000);
        Map<String, Long> want = new LinkedHashMap<>();
        want.put("actual", 245760L);
        want.put("swap_in", 8L);
        want.put("swap_out", 4L);
        want.put("major_fault", 312L);
        want.put("minor_fault", 48211L);
        want.put("unused", 196608L);
        want.put("available", 241104L);
        want.put("usable", 209920L);
        want.put("last_update", 1763811234L);
        want.put("disk_caches", 8096L);
        want.put("hugetlb_pgalloc", 3L);
        want.put("hugetlb_pgfail", 1L);
        want.put("rss", 40000L);
        assertEquals(want, m);
        assertEquals(List.copyOf(want.keySet()), List.copyOf(m.keySet()), "virsh prints them in this order");
    }

    @Test
    void beforeTheGuestReportsOnlyTheBalloonAndRss() throws Exception {
        Map<String, Long> m = BalloonMemoryStats.of(JSON.readTree(
                "{\"actual\":268435456,\"stats_period\":0,\"last_update\":0,\"stats\":{}}"), 1234);
        assertEquals(List.of("actual", "rss"), List.copyOf(m.keySet()));
        assertEquals(262144L, m.get("actual"));
    }

    @Test
    void aPartialReportKeepsWhatCameAndAnOlderVmmWithoutStatsStillWorks() throws Exception {
        Map<String, Long> m = BalloonMemoryStats.of(JSON.readTree("{\"actual\":268435456,\"last_update\":5,"
                + "\"stats\":{\"stat-total-memory\":2048,\"stat-free-memory\":1024}}"), -1);
        assertEquals(List.of("actual", "unused", "available", "last_update"), List.copyOf(m.keySet()));
        assertEquals(Map.of("actual", 262144L), BalloonMemoryStats.of(JSON.readTree("{\"actual\":268435456}"), -1));
    }
}
