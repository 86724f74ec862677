package io.vireo.driver.kvm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * virDomainMemoryStats from the VMM's {@code query-balloon} reply (drivers/kvm-vmm/MONITOR.md), as libvirt
 * builds them for a QEMU guest from {@code query-balloon} and the balloon's {@code guest-stats}: {@code actual}
 * first, then the guest's statistics under libvirt's names in libvirt's order with {@code last_update} after
 * {@code usable}, and the host's {@code rss} last. Memory in KiB (the guest reports bytes), faults and
 * hugetlb counts as they are, {@code last_update} in seconds since the epoch. A statistic the guest did not
 * report is left out, and so is {@code last_update} before its first report.
 */
final class BalloonMemoryStats {
    /** One guest statistic: the VMM's (QEMU's) name, libvirt's name, and what to divide by for libvirt's unit. */
    private record Stat(String vmm, String libvirt, int divisor) {
    }

    private static final List<Stat> GUEST = List.of(
            new Stat("stat-swap-in", "swap_in", 1024),
            new Stat("stat-swap-out", "swap_out", 1024),
            new Stat("stat-major-faults", "major_fault", 1),
            new Stat("stat-minor-faults", "minor_fault", 1),
            new Stat("stat-free-memory", "unused", 1024),
            new Stat("stat-total-memory", "available", 1024),
            new Stat("stat-available-memory", "usable", 1024),
            new Stat("stat-disk-caches", "disk_caches", 1024),
            new Stat("stat-htlb-pgalloc", "hugetlb_pgalloc", 1),
            new Stat("stat-htlb-pgfail", "hugetlb_pgfail", 1));

    private BalloonMemoryStats() {
    }

    /** {@code queryBalloon}: the reply's return object; {@code rssKiB} below 0 when the process has gone. */
    static Map<String, Long> of(JsonNode queryBalloon, long rssKiB) {
        Map<String, Long> m = new LinkedHashMap<>();
        if (queryBalloon.path("actual").canConvertToLong()) {
            m.put("actual", queryBalloon.path("actual").asLong() / 1024);
        }
        JsonNode stats = queryBalloon.path("stats");
        long lastUpdate = queryBalloon.path("last_update").asLong(0);
        for (Stat s : GUEST) {
            JsonNode v = stats.path(s.vmm);
            if (v.canConvertToLong() && v.asLong() >= 0) {
                m.put(s.libvirt, v.asLong() / s.divisor);
            }
            if (s.libvirt.equals("usable") && lastUpdate > 0) {
                m.put("last_update", lastUpdate);
            }
        }
        if (rssKiB >= 0) {
            m.put("rss", rssKiB);
        }
        return m;
    }
}
