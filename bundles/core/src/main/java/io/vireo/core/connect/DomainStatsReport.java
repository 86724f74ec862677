package io.vireo.core.connect;

import io.vireo.api.Domain;
import io.vireo.api.DomainStateReason;
import io.vireo.api.DomainStatsGroups;
import io.vireo.api.DomainStatsRecord;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.TypedParameter;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DomainRef;
import io.vireo.api.spi.DomainStats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * virConnectGetAllDomainStats over one driver: which domains (the list filters of the flags), which groups
 * (what the caller asked for and the driver reports; ENFORCE_STATS turns a missing group into an error),
 * and each domain's record: the state group for every driver, the rest from the driver's
 * {@link DomainStats#domainStats}. A domain that goes away while the report is made is left out, as
 * libvirt does.
 */
final class DomainStatsReport {
    private static final int ALLOWED_FLAGS = DomainStatsGroups.FILTERS | DomainStatsGroups.NOWAIT
            | DomainStatsGroups.BACKING | DomainStatsGroups.ENFORCE_STATS;

    private final DomainDefinitions definitions;
    private final DomainStats driverStats;
    private final ErrorDomain errorDomain;
    private final Function<DomainRef, Domain> handles;

    /** {@code driverStats}: null when the driver keeps no statistics (then only the state group exists). */
    DomainStatsReport(DomainDefinitions definitions, DomainStats driverStats, ErrorDomain errorDomain,
                      Function<DomainRef, Domain> handles) {
        this.definitions = definitions;
        this.driverStats = driverStats;
        this.errorDomain = errorDomain;
        this.handles = handles;
    }

    /** The groups this driver reports. */
    int supportedGroups() {
        return DomainStatsGroups.STATE | (driverStats == null ? 0 : driverStats.statsGroups() & ~DomainStatsGroups.STATE);
    }

    List<DomainStatsRecord> collect(List<UUID> domains, int stats, int flags, String api) {
        if ((flags & ~ALLOWED_FLAGS) != 0) {
            throw VirtException.of(ErrorCode.INVALID_ARG, errorDomain, "unsupported flags (0x%x) in function %s",
                    flags & ~ALLOWED_FLAGS, api);
        }
        List<DomainStats.Entry> whole = driverStats == null ? null : driverStats.allDomainStats(domains, stats, flags);
        if (whole != null) {
            List<DomainStatsRecord> records = new ArrayList<>();
            whole.forEach(e -> records.add(new DomainStatsRecord(handles.apply(e.domain()), e.params())));
            return records;
        }
        int supported = supportedGroups();
        int wanted = stats == 0 ? supported : stats;
        if ((flags & DomainStatsGroups.ENFORCE_STATS) != 0 && (wanted & ~supported) != 0) {
            throw VirtException.of(ErrorCode.ARGUMENT_UNSUPPORTED, errorDomain,
                    "Stats types bits 0x%x are not supported by this daemon", wanted & ~supported);
        }
        wanted &= supported;
        List<DomainStatsRecord> records = new ArrayList<>();
        for (DomainRef ref : selected(domains, flags & DomainStatsGroups.FILTERS)) {
            try {
                records.add(new DomainStatsRecord(handles.apply(ref), params(ref, wanted)));
            } catch (VirtException e) {
                if (e.code() != ErrorCode.NO_DOMAIN) {
                    throw e;
                }
            }
        }
        return records;
    }

    private List<DomainRef> selected(List<UUID> domains, int filters) {
        if (domains.isEmpty()) {
            return definitions.listAll(filters);
        }
        Set<UUID> matching = new HashSet<>();
        if (filters != 0) {
            definitions.listAll(filters).forEach(r -> matching.add(r.uuid()));
        }
        List<DomainRef> refs = new ArrayList<>();
        for (UUID uuid : domains) {
            if (filters != 0 && !matching.contains(uuid)) {
                continue;
            }
            try {
                refs.add(definitions.lookupByUuid(uuid));
            } catch (VirtException e) {
                if (e.code() != ErrorCode.NO_DOMAIN) {
                    throw e;
                }
            }
        }
        return refs;
    }

    private List<TypedParameter> params(DomainRef ref, int groups) {
        List<TypedParameter> params = new ArrayList<>();
        if ((groups & DomainStatsGroups.STATE) != 0) {
            DomainStateReason s = definitions.state(ref.uuid());
            params.add(TypedParameter.ofInt("state.state", s.state().value()));
            params.add(TypedParameter.ofInt("state.reason", s.reason()));
        }
        int rest = groups & ~DomainStatsGroups.STATE;
        if (rest != 0 && driverStats != null) {
            params.addAll(driverStats.domainStats(ref.uuid(), rest));
        }
        return params;
    }
}
