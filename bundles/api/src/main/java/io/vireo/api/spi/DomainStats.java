package io.vireo.api.spi;

import io.vireo.api.BlockStats;
import io.vireo.api.InterfaceStats;
import io.vireo.api.TypedParameter;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Optional role: counters of a running guest. A domain that is not running fails with OPERATION_INVALID;
 * an unknown disk or interface with INVALID_ARG, as libvirt words it ("invalid path: ...").
 */
public interface DomainStats {
    /** {@code device}: the disk's target ({@code vda}) or source path. */
    BlockStats blockStats(UUID uuid, String device);

    /** {@code device}: the interface's host-side name ({@code vnet0}) or MAC address. */
    InterfaceStats interfaceStats(UUID uuid, String device);

    /**
     * virDomainMemoryStats: values in KiB by libvirt's tag names ({@code actual}, {@code swap_in},
     * {@code unused}, {@code available}, {@code usable}, {@code rss}, {@code last_update} in seconds, ...),
     * in libvirt's tag order; tags the guest does not report are absent.
     */
    Map<String, Long> memoryStats(UUID uuid);

    /**
     * virDomainGetCPUStats for the whole domain: {@code cpu_time}, {@code user_time}, {@code system_time}
     * in nanoseconds.
     */
    Map<String, Long> cpuStats(UUID uuid);

    /** The {@link io.vireo.api.DomainStatsGroups} this driver reports through {@link #domainStats}, besides STATE. */
    default int statsGroups() {
        return 0;
    }

    /**
     * One domain's statistics for {@code groups} (only bits of {@link #statsGroups()}; never STATE, which the
     * core reports for every driver), in libvirt's names and types, group by group. A domain that is not
     * running reports what its definition tells (counts, names, maxima) and no counters.
     */
    default List<TypedParameter> domainStats(UUID uuid, int groups) {
        return List.of();
    }

    /**
     * The whole virConnectGetAllDomainStats answer, for a driver that gets it in one piece (a remote daemon):
     * the records for {@code domains} (empty: all matching the flags), with the groups and flags as the
     * caller gave them. Null (the default): the core builds the answer from {@link #domainStats}.
     */
    default List<Entry> allDomainStats(List<UUID> domains, int stats, int flags) {
        return null;
    }

    /** One domain's record of {@link #allDomainStats}. */
    record Entry(DomainRef domain, List<TypedParameter> params) {
        public Entry {
            params = List.copyOf(params);
        }
    }
}
