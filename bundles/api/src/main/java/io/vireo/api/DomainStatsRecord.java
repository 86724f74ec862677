package io.vireo.api;

import java.util.List;

/**
 * One domain's statistics as virConnectGetAllDomainStats returns them: typed parameters named as libvirt
 * names them ({@code state.state}, {@code cpu.time}, {@code balloon.current}, {@code block.0.rd.reqs}, ...),
 * group by group in the order of {@link DomainStatsGroups}.
 */
public record DomainStatsRecord(Domain domain, List<TypedParameter> params) {
    public DomainStatsRecord {
        params = List.copyOf(params);
    }
}
