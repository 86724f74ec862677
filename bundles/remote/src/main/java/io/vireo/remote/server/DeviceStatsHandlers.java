package io.vireo.remote.server;

import static io.vireo.remote.protocol.Procedure.*;
import static io.vireo.remote.server.Calls.done;
import static io.vireo.remote.server.Calls.noFlags;

import io.vireo.api.BlockStats;
import io.vireo.api.Domain;
import io.vireo.api.DomainStatsRecord;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.InterfaceStats;
import io.vireo.api.TypedParameter;
import io.vireo.api.VirtException;
import io.vireo.remote.protocol.DomainProcs;
import io.vireo.remote.protocol.DomainProcs.DomainPathArgs;
import io.vireo.remote.protocol.DomainProcs.DomainXmlArgs;
import io.vireo.remote.protocol.DomainProcs.DomainXmlFlagsArgs;
import io.vireo.remote.protocol.DomainProcs.GetAllDomainStatsArgs;
import io.vireo.remote.protocol.DomainProcs.GetAllDomainStatsRet;
import io.vireo.remote.protocol.DomainProcs.GetCpuStatsArgs;
import io.vireo.remote.protocol.DomainProcs.GetCpuStatsRet;
import io.vireo.remote.protocol.DomainProcs.MemoryStat;
import io.vireo.remote.protocol.NonnullDomain;
import io.vireo.remote.protocol.TypedParam;
import io.vireo.remote.protocol.Wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Device hotplug and guest statistics: attach/detach (the flag-less calls and the *_FLAGS ones, each
 * reaching the API of the same libvirt name, so errors and the audit log name what the client called),
 * block, interface and memory statistics, and the domain's total CPU statistics. Read-only connections
 * are refused the device calls by the core, as libvirtd refuses them; the statistics are reads.
 */
final class DeviceStatsHandlers {

    private DeviceStatsHandlers() {
    }

    static void register(HandlerTable t) {
        t.on(DOMAIN_ATTACH_DEVICE, DomainXmlArgs.class,
            (s, a) -> done(() -> Refs.domain(s, a.dom()).attachDevice(a.xml())));
        t.on(DOMAIN_DETACH_DEVICE, DomainXmlArgs.class,
            (s, a) -> done(() -> Refs.domain(s, a.dom()).detachDevice(a.xml())));
        t.on(DOMAIN_ATTACH_DEVICE_FLAGS, DomainXmlFlagsArgs.class,
            (s, a) -> done(() -> Refs.domain(s, a.dom()).attachDevice(a.xml(), a.flags())));
        t.on(DOMAIN_DETACH_DEVICE_FLAGS, DomainXmlFlagsArgs.class,
            (s, a) -> done(() -> Refs.domain(s, a.dom()).detachDevice(a.xml(), a.flags())));

        t.on(DOMAIN_BLOCK_STATS, DomainPathArgs.class, (s, a) -> {
            BlockStats b = Refs.domain(s, a.dom()).blockStats(a.path());
            return new DomainProcs.BlockStatsRet(b.readRequests(), b.readBytes(), b.writeRequests(), b.writeBytes(),
                b.errors());
        });
        t.on(DOMAIN_INTERFACE_STATS, DomainPathArgs.class, (s, a) -> {
            InterfaceStats i = Refs.domain(s, a.dom()).interfaceStats(a.path());
            return new DomainProcs.InterfaceStatsRet(i.rxBytes(), i.rxPackets(), i.rxErrors(), i.rxDrops(),
                i.txBytes(), i.txPackets(), i.txErrors(), i.txDrops());
        });
        t.on(DOMAIN_MEMORY_STATS, DomainProcs.MemoryStatsArgs.class, (s, a) -> {
            if (Integer.toUnsignedLong(a.maxStats()) > Wire.DOMAIN_MEMORY_STATS_MAX) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC,
                    "maxStats > REMOTE_DOMAIN_MEMORY_STATS_MAX");
            }
            noFlags(a.flags(), "virDomainMemoryStats");
            return new DomainProcs.MemoryStatsRet(memoryStats(Refs.domain(s, a.dom()).memoryStats(), a.maxStats()));
        });
        t.on(DOMAIN_GET_CPU_STATS, GetCpuStatsArgs.class, DeviceStatsHandlers::cpuStats);
        t.on(CONNECT_GET_ALL_DOMAIN_STATS, GetAllDomainStatsArgs.class, DeviceStatsHandlers::allDomainStats);
    }

    /**
     * virConnectGetAllDomainStats and virDomainListGetStats (one procedure: no domains means all). Named
     * domains that no longer exist are skipped, as libvirtd skips them; string values are always allowed.
     */
    private static GetAllDomainStatsRet allDomainStats(Session s, GetAllDomainStatsArgs a) {
        List<Domain> doms = new ArrayList<>();
        for (NonnullDomain d : a.doms()) {
            try {
                doms.add(Refs.domain(s, d));
            } catch (VirtException e) {
                if (e.code() != ErrorCode.NO_DOMAIN) {
                    throw e;
                }
            }
        }
        if (!a.doms().isEmpty() && doms.isEmpty()) {
            return new GetAllDomainStatsRet(List.of());
        }
        List<DomainProcs.DomainStatsRecord> records = new ArrayList<>();
        for (DomainStatsRecord r : s.conn().getAllDomainStats(doms, a.stats(), a.flags())) {
            records.add(new DomainProcs.DomainStatsRecord(Refs.wire(r.domain()),
                r.params().stream().map(DeviceStatsHandlers::wire).toList()));
        }
        return new GetAllDomainStatsRet(records);
    }

    /** An API typed parameter as it goes on the wire. */
    static TypedParam wire(TypedParameter p) {
        return switch (p.type()) {
            case INT -> TypedParam.ofInt(p.name(), (Integer) p.value());
            case UINT -> TypedParam.ofUInt(p.name(), (Integer) p.value());
            case LLONG -> TypedParam.ofLLong(p.name(), (Long) p.value());
            case ULLONG -> TypedParam.ofULLong(p.name(), (Long) p.value());
            case DOUBLE -> TypedParam.ofDouble(p.name(), (Double) p.value());
            case BOOLEAN -> TypedParam.ofBoolean(p.name(), (Boolean) p.value());
            case STRING -> TypedParam.ofString(p.name(), (String) p.value());
        };
    }

    /** The statistics libvirt has tags for, in the driver's order, at most {@code max} of them. */
    static List<MemoryStat> memoryStats(Map<String, Long> stats, int max) {
        List<MemoryStat> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : stats.entrySet()) {
            int tag = DomainProcs.MEMORY_STAT_TAGS.indexOf(e.getKey());
            if (tag >= 0 && out.size() < max) {
                out.add(new MemoryStat(tag, e.getValue()));
            }
        }
        return out;
    }

    /**
     * virDomainGetCPUStats as libvirtd serves it, for a driver that keeps the domain's total only: with
     * start_cpu -1, the number of total statistics (nparams 0) or the first {@code nparams} of them as
     * ULLONG values; per CPU, the host's number of CPUs (ncpus 0) and no per-CPU statistics (so virsh
     * says "No per-CPU stats available" and shows the total).
     */
    private static GetCpuStatsRet cpuStats(Session s, GetCpuStatsArgs a) {
        if (Integer.toUnsignedLong(a.nparams()) > Wire.NODE_CPU_STATS_MAX) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "nparams too large");
        }
        if (Integer.toUnsignedLong(a.ncpus()) > Wire.DOMAIN_GET_CPU_STATS_NCPUS_MAX) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "ncpus too large");
        }
        if (a.startCpu() == -1 && a.ncpus() != 1) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.DOM, "ncpus must be 1 when start_cpu is -1");
        }
        noFlags(a.flags() & ~TypedParam.STRING_OKAY, "virDomainGetCPUStats");
        Domain d = Refs.domain(s, a.dom());
        Map<String, Long> total = d.cpuStats();
        if (a.startCpu() != -1) {
            int hostCpus = a.nparams() == 0 && a.ncpus() == 0 ? s.conn().nodeInfo().cpus() : 0;
            return new GetCpuStatsRet(List.of(), hostCpus);
        }
        if (a.nparams() == 0) {
            return new GetCpuStatsRet(List.of(), total.size());
        }
        List<TypedParam> params = new ArrayList<>();
        for (Map.Entry<String, Long> e : total.entrySet()) {
            if (params.size() < a.nparams()) {
                params.add(new TypedParam(e.getKey(), new TypedParam.ULLongValue(e.getValue())));
            }
        }
        return new GetCpuStatsRet(params, params.size());
    }
}
