package io.vireo.driver.support.domain;

import io.vireo.api.BlockStats;
import io.vireo.api.DomainStatsGroups;
import io.vireo.api.InterfaceStats;
import io.vireo.api.TypedParameter;
import io.vireo.driver.support.process.ProcStat;
import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.InterfaceDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One guest's statistics in virConnectGetAllDomainStats' names and types, group by group: what the
 * definition tells for every domain (balloon and vCPU maxima, disk and interface names), the counters only
 * while it runs. A counter the guest's process cannot give right now (a monitor that does not answer, a
 * backend without it) is left out, never reported as zero.
 */
final class GuestStatsRecord {
    /** The groups a guest driver reports, besides the state the core adds. */
    static final int GROUPS = DomainStatsGroups.CPU_TOTAL | DomainStatsGroups.BALLOON | DomainStatsGroups.VCPU
            | DomainStatsGroups.INTERFACE | DomainStatsGroups.BLOCK;

    private final DomainDef def;
    private final RunningGuest guest;
    private final List<TypedParameter> params = new ArrayList<>();

    /** {@code guest}: null when the domain is not running. */
    GuestStatsRecord(DomainDef def, RunningGuest guest) {
        this.def = def;
        this.guest = guest;
    }

    List<TypedParameter> build(int groups) {
        if ((groups & DomainStatsGroups.CPU_TOTAL) != 0) {
            cpuTotal();
        }
        if ((groups & DomainStatsGroups.BALLOON) != 0) {
            balloon();
        }
        if ((groups & DomainStatsGroups.VCPU) != 0) {
            params.add(TypedParameter.ofUInt("vcpu.current", def.getVcpus()));
            params.add(TypedParameter.ofUInt("vcpu.maximum", def.getMaxVcpus()));
        }
        if ((groups & DomainStatsGroups.INTERFACE) != 0 && guest != null) {
            interfaces();
        }
        if ((groups & DomainStatsGroups.BLOCK) != 0) {
            blocks();
        }
        return params;
    }

    private void cpuTotal() {
        if (guest == null) {
            return;
        }
        Optional<ProcStat> stat = ProcStat.read(guest.process().pid());
        stat.ifPresent(s -> {
            long tick = 1_000_000_000L / ProcStat.TICKS_PER_SECOND;
            ulong("cpu.time", s.cpuTimeNanos());
            ulong("cpu.user", s.userTicks() * tick);
            ulong("cpu.system", s.systemTicks() * tick);
        });
    }

    private void balloon() {
        long current = def.getCurrentMemoryOrMax();
        Map<String, Long> stats = guest == null ? Map.of() : quietly(guest::memoryStats).orElse(Map.of());
        Long actual = stats.get("actual");
        ulong("balloon.current", actual != null && actual > 0 ? actual : current);
        ulong("balloon.maximum", def.getMemoryKiB());
        for (Map.Entry<String, Long> e : stats.entrySet()) {
            if (!"actual".equals(e.getKey())) {
                ulong("balloon." + ("last_update".equals(e.getKey()) ? "last-update" : e.getKey()), e.getValue());
            }
        }
    }

    private void interfaces() {
        List<InterfaceDef> nets = def.getInterfaces();
        params.add(TypedParameter.ofUInt("net.count", nets.size()));
        for (int i = 0; i < nets.size(); i++) {
            InterfaceDef net = nets.get(i);
            String p = "net." + i + ".";
            if (net.getTargetDev() != null) {
                params.add(TypedParameter.ofString(p + "name", net.getTargetDev()));
            }
            quietly(() -> guest.interfaceStats(def, net)).ifPresent(s -> interfaceCounters(p, s));
        }
    }

    private void interfaceCounters(String p, InterfaceStats s) {
        ulong(p + "rx.bytes", s.rxBytes());
        ulong(p + "rx.pkts", s.rxPackets());
        ulong(p + "rx.errs", s.rxErrors());
        ulong(p + "rx.drop", s.rxDrops());
        ulong(p + "tx.bytes", s.txBytes());
        ulong(p + "tx.pkts", s.txPackets());
        ulong(p + "tx.errs", s.txErrors());
        ulong(p + "tx.drop", s.txDrops());
    }

    private void blocks() {
        List<DiskDef> disks = def.getDisks();
        params.add(TypedParameter.ofUInt("block.count", disks.size()));
        for (int i = 0; i < disks.size(); i++) {
            DiskDef disk = disks.get(i);
            String p = "block." + i + ".";
            if (disk.getTargetDev() != null) {
                params.add(TypedParameter.ofString(p + "name", disk.getTargetDev()));
            }
            String path = disk.getSourceFile() != null ? disk.getSourceFile() : disk.getSourceDev();
            if (path != null) {
                params.add(TypedParameter.ofString(p + "path", path));
            }
            if (guest != null) {
                quietly(() -> guest.blockStats(def, disk)).ifPresent(s -> blockCounters(p, s));
            }
        }
    }

    private void blockCounters(String p, BlockStats s) {
        ulong(p + "rd.reqs", s.readRequests());
        ulong(p + "rd.bytes", s.readBytes());
        ulong(p + "wr.reqs", s.writeRequests());
        ulong(p + "wr.bytes", s.writeBytes());
    }

    private void ulong(String name, long value) {
        if (value >= 0) { // libvirt's -1 "unknown" counters are not reported
            params.add(TypedParameter.ofULLong(name, value));
        }
    }

    private static <T> Optional<T> quietly(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (RuntimeException e) {
            return Optional.empty(); // the group goes on without this counter, as libvirt's does
        }
    }
}
