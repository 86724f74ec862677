package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

import java.util.List;
import java.util.Objects;

/** Domain procedures: listing, lookup, define/create, lifecycle, info, configuration, stats. */
public final class DomainProcs {

    private DomainProcs() {
    }

    /** {dom}: the many procedures that only name a domain. */
    public record DomainArgs(NonnullDomain dom) implements XdrStruct {
        public DomainArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static DomainArgs decode(XdrDecoder d) {
            return new DomainArgs(NonnullDomain.decode(d));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom);
        }
    }

    /** {dom, flags}. */
    public record DomainFlagsArgs(NonnullDomain dom, int flags) implements XdrStruct {
        public DomainFlagsArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static DomainFlagsArgs decode(XdrDecoder d) {
            return new DomainFlagsArgs(NonnullDomain.decode(d), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeUnsignedInt(flags);
        }
    }

    /** {dom}: the reply of lookups, define, create-XML and CREATE_WITH_FLAGS. */
    public record DomainRet(NonnullDomain dom) implements XdrStruct {
        public DomainRet {
            Objects.requireNonNull(dom, "dom");
        }

        public static DomainRet decode(XdrDecoder d) {
            return new DomainRet(NonnullDomain.decode(d));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom);
        }
    }

    /** CONNECT_LIST_ALL_DOMAINS ret: the domains (empty unless need_results) and their count. */
    public record ListAllDomainsRet(List<NonnullDomain> domains, int ret) implements XdrStruct {
        public ListAllDomainsRet {
            domains = List.copyOf(domains);
        }

        public static ListAllDomainsRet decode(XdrDecoder d) {
            // name length word + 16-byte uuid + id: at least 24 bytes per domain
            return new ListAllDomainsRet(d.readArray(Wire.DOMAIN_LIST_MAX, 24, NonnullDomain::decode),
                d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeArray(domains, Wire.DOMAIN_LIST_MAX, XdrEncoder::writeStruct).writeUnsignedInt(ret);
        }
    }

    /** CONNECT_LIST_DOMAINS ret: ids of running domains. */
    public record ListDomainsRet(List<Integer> ids) implements XdrStruct {
        public ListDomainsRet {
            ids = List.copyOf(ids);
        }

        public static ListDomainsRet decode(XdrDecoder d) {
            return new ListDomainsRet(d.readArray(Wire.DOMAIN_LIST_MAX, XdrDecoder::readInt));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeArray(ids, Wire.DOMAIN_LIST_MAX, XdrEncoder::writeInt);
        }
    }

    /**
     * DOMAIN_GET_INFO ret. {@code state} (unsigned char) and {@code nrVirtCpu} (unsigned short) take
     * 4 bytes each on the wire; memory in KiB, CPU time in nanoseconds.
     */
    public record GetInfoRet(int state, long maxMem, long memory, int nrVirtCpu, long cpuTime) implements XdrStruct {
        public static GetInfoRet decode(XdrDecoder d) {
            return new GetInfoRet(d.readInt(), d.readUnsignedHyper(), d.readUnsignedHyper(), d.readInt(),
                d.readUnsignedHyper());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(state).writeUnsignedHyper(maxMem).writeUnsignedHyper(memory).writeInt(nrVirtCpu)
                .writeUnsignedHyper(cpuTime);
        }
    }

    /** DOMAIN_GET_STATE ret (virDomainState and its reason). */
    public record GetStateRet(int state, int reason) implements XdrStruct {
        public static GetStateRet decode(XdrDecoder d) {
            return new GetStateRet(d.readInt(), d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(state).writeInt(reason);
        }
    }

    /** DOMAIN_SET_AUTOSTART args. */
    public record SetAutostartArgs(NonnullDomain dom, int autostart) implements XdrStruct {
        public SetAutostartArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static SetAutostartArgs decode(XdrDecoder d) {
            return new SetAutostartArgs(NonnullDomain.decode(d), d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeInt(autostart);
        }
    }

    /** DOMAIN_SET_MEMORY and DOMAIN_SET_MAX_MEMORY args (KiB). */
    public record SetMemoryArgs(NonnullDomain dom, long memory) implements XdrStruct {
        public SetMemoryArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static SetMemoryArgs decode(XdrDecoder d) {
            return new SetMemoryArgs(NonnullDomain.decode(d), d.readUnsignedHyper());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeUnsignedHyper(memory);
        }
    }

    /** DOMAIN_SET_MEMORY_FLAGS args (KiB; flags CURRENT 0, LIVE 1, CONFIG 2, MAXIMUM 4). */
    public record SetMemoryFlagsArgs(NonnullDomain dom, long memory, int flags) implements XdrStruct {
        public SetMemoryFlagsArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static SetMemoryFlagsArgs decode(XdrDecoder d) {
            return new SetMemoryFlagsArgs(NonnullDomain.decode(d), d.readUnsignedHyper(), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeUnsignedHyper(memory).writeUnsignedInt(flags);
        }
    }

    /** DOMAIN_SET_VCPUS args. */
    public record SetVcpusArgs(NonnullDomain dom, int nvcpus) implements XdrStruct {
        public SetVcpusArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static SetVcpusArgs decode(XdrDecoder d) {
            return new SetVcpusArgs(NonnullDomain.decode(d), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeUnsignedInt(nvcpus);
        }
    }

    /** DOMAIN_SET_VCPUS_FLAGS args. */
    public record SetVcpusFlagsArgs(NonnullDomain dom, int nvcpus, int flags) implements XdrStruct {
        public SetVcpusFlagsArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static SetVcpusFlagsArgs decode(XdrDecoder d) {
            return new SetVcpusFlagsArgs(NonnullDomain.decode(d), d.readUnsignedInt(), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeUnsignedInt(nvcpus).writeUnsignedInt(flags);
        }
    }

    /** DOMAIN_SET_MEMORY_STATS_PERIOD args: the period is a signed int on the wire. */
    public record SetMemoryStatsPeriodArgs(NonnullDomain dom, int period, int flags) implements XdrStruct {
        public SetMemoryStatsPeriodArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static SetMemoryStatsPeriodArgs decode(XdrDecoder d) {
            return new SetMemoryStatsPeriodArgs(NonnullDomain.decode(d), d.readInt(), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeInt(period).writeUnsignedInt(flags);
        }
    }

    /** {dom, xml}: DOMAIN_ATTACH_DEVICE, DOMAIN_DETACH_DEVICE. */
    public record DomainXmlArgs(NonnullDomain dom, String xml) implements XdrStruct {
        public DomainXmlArgs {
            Objects.requireNonNull(dom, "dom");
            Objects.requireNonNull(xml, "xml");
        }

        public static DomainXmlArgs decode(XdrDecoder d) {
            return new DomainXmlArgs(NonnullDomain.decode(d), d.readString(Wire.STRING_MAX));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeString(xml, Wire.STRING_MAX);
        }
    }

    /** {dom, xml, flags}: the *_DEVICE_FLAGS procedures. */
    public record DomainXmlFlagsArgs(NonnullDomain dom, String xml, int flags) implements XdrStruct {
        public DomainXmlFlagsArgs {
            Objects.requireNonNull(dom, "dom");
            Objects.requireNonNull(xml, "xml");
        }

        public static DomainXmlFlagsArgs decode(XdrDecoder d) {
            return new DomainXmlFlagsArgs(NonnullDomain.decode(d), d.readString(Wire.STRING_MAX),
                d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeString(xml, Wire.STRING_MAX).writeUnsignedInt(flags);
        }
    }

    /**
     * DOMAIN_GET_SECURITY_LABEL ret: the label as a char array with its NUL, as libvirtd sends it, and
     * whether it is enforced.
     */
    public record GetSecurityLabelRet(String label, int enforcing) implements XdrStruct {
        public GetSecurityLabelRet {
            Objects.requireNonNull(label, "label");
        }

        public static GetSecurityLabelRet of(String label, boolean enforcing) {
            return new GetSecurityLabelRet(label + '\0', enforcing ? 1 : 0);
        }

        public String labelText() {
            return ConnectProcs.cString(label);
        }

        public static GetSecurityLabelRet decode(XdrDecoder d) {
            return new GetSecurityLabelRet(d.readCharString(Wire.SECURITY_LABEL_MAX), d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeCharString(label, Wire.SECURITY_LABEL_MAX).writeInt(enforcing);
        }
    }

    /** DOMAIN_GET_MESSAGES ret. */
    public record GetMessagesRet(List<String> msgs) implements XdrStruct {
        public GetMessagesRet {
            msgs = List.copyOf(msgs);
        }

        public static GetMessagesRet decode(XdrDecoder d) {
            return new GetMessagesRet(d.readArray(Wire.DOMAIN_MESSAGES_MAX, d2 -> d2.readString(Wire.STRING_MAX)));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeArray(msgs, Wire.DOMAIN_MESSAGES_MAX, (e2, s) -> e2.writeString(s, Wire.STRING_MAX));
        }
    }

    /**
     * DOMAIN_OPEN_CONSOLE and DOMAIN_OPEN_CHANNEL args: the device name (null = the first console) and
     * flags (FORCE 1, SAFE 2). The reply is void and opens a stream on the call's serial.
     */
    public record OpenConsoleArgs(NonnullDomain dom, String devName, int flags) implements XdrStruct {
        public OpenConsoleArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static OpenConsoleArgs decode(XdrDecoder d) {
            return new OpenConsoleArgs(NonnullDomain.decode(d), d.readOptionalString(Wire.STRING_MAX),
                d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeOptionalString(devName, Wire.STRING_MAX).writeUnsignedInt(flags);
        }
    }

    /** DOMAIN_GET_METADATA args (type: 0 description, 1 title, 2 element with {@code uri}). */
    public record GetMetadataArgs(NonnullDomain dom, int type, String uri, int flags) implements XdrStruct {
        public GetMetadataArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static GetMetadataArgs decode(XdrDecoder d) {
            return new GetMetadataArgs(NonnullDomain.decode(d), d.readInt(), d.readOptionalString(Wire.STRING_MAX),
                d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeInt(type).writeOptionalString(uri, Wire.STRING_MAX).writeUnsignedInt(flags);
        }
    }

    /** DOMAIN_SET_METADATA args. */
    public record SetMetadataArgs(NonnullDomain dom, int type, String metadata, String key, String uri, int flags)
        implements XdrStruct {
        public SetMetadataArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static SetMetadataArgs decode(XdrDecoder d) {
            return new SetMetadataArgs(NonnullDomain.decode(d), d.readInt(), d.readOptionalString(Wire.STRING_MAX),
                d.readOptionalString(Wire.STRING_MAX), d.readOptionalString(Wire.STRING_MAX), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeInt(type).writeOptionalString(metadata, Wire.STRING_MAX)
                .writeOptionalString(key, Wire.STRING_MAX).writeOptionalString(uri, Wire.STRING_MAX)
                .writeUnsignedInt(flags);
        }
    }

    /** DOMAIN_MEMORY_STATS args: return at most {@code maxStats} entries. */
    public record MemoryStatsArgs(NonnullDomain dom, int maxStats, int flags) implements XdrStruct {
        public MemoryStatsArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static MemoryStatsArgs decode(XdrDecoder d) {
            return new MemoryStatsArgs(NonnullDomain.decode(d), d.readUnsignedInt(), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeUnsignedInt(maxStats).writeUnsignedInt(flags);
        }
    }

    /**
     * libvirt's names of the VIR_DOMAIN_MEMORY_STAT_* tags, indexed by tag (0 swap_in ... 12 hugetlb_pgfail),
     * the names {@code Domain.memoryStats()} uses.
     */
    public static final List<String> MEMORY_STAT_TAGS = List.of("swap_in", "swap_out", "major_fault",
        "minor_fault", "unused", "available", "actual", "rss", "usable", "last_update", "disk_caches",
        "hugetlb_pgalloc", "hugetlb_pgfail");

    /** {@code remote_domain_memory_stat}: a VIR_DOMAIN_MEMORY_STAT_* tag and its value. */
    public record MemoryStat(int tag, long val) implements XdrStruct {
        public static MemoryStat decode(XdrDecoder d) {
            return new MemoryStat(d.readInt(), d.readUnsignedHyper());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeInt(tag).writeUnsignedHyper(val);
        }
    }

    /** DOMAIN_MEMORY_STATS ret. */
    public record MemoryStatsRet(List<MemoryStat> stats) implements XdrStruct {
        public MemoryStatsRet {
            stats = List.copyOf(stats);
        }

        public static MemoryStatsRet decode(XdrDecoder d) {
            return new MemoryStatsRet(d.readArray(Wire.DOMAIN_MEMORY_STATS_MAX, 12, MemoryStat::decode));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeArray(stats, Wire.DOMAIN_MEMORY_STATS_MAX, XdrEncoder::writeStruct);
        }
    }

    /** {dom, path}: DOMAIN_BLOCK_STATS (path = disk target or source) and DOMAIN_INTERFACE_STATS (device). */
    public record DomainPathArgs(NonnullDomain dom, String path) implements XdrStruct {
        public DomainPathArgs {
            Objects.requireNonNull(dom, "dom");
            Objects.requireNonNull(path, "path");
        }

        public static DomainPathArgs decode(XdrDecoder d) {
            return new DomainPathArgs(NonnullDomain.decode(d), d.readString(Wire.STRING_MAX));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeString(path, Wire.STRING_MAX);
        }
    }

    /** DOMAIN_BLOCK_STATS ret; -1 means unknown. */
    public record BlockStatsRet(long rdReq, long rdBytes, long wrReq, long wrBytes, long errs) implements XdrStruct {
        public static BlockStatsRet decode(XdrDecoder d) {
            return new BlockStatsRet(d.readHyper(), d.readHyper(), d.readHyper(), d.readHyper(), d.readHyper());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeHyper(rdReq).writeHyper(rdBytes).writeHyper(wrReq).writeHyper(wrBytes).writeHyper(errs);
        }
    }

    /** DOMAIN_INTERFACE_STATS ret; -1 means unknown. */
    public record InterfaceStatsRet(long rxBytes, long rxPackets, long rxErrs, long rxDrop, long txBytes,
                                    long txPackets, long txErrs, long txDrop) implements XdrStruct {
        public static InterfaceStatsRet decode(XdrDecoder d) {
            return new InterfaceStatsRet(d.readHyper(), d.readHyper(), d.readHyper(), d.readHyper(), d.readHyper(),
                d.readHyper(), d.readHyper(), d.readHyper());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeHyper(rxBytes).writeHyper(rxPackets).writeHyper(rxErrs).writeHyper(rxDrop).writeHyper(txBytes)
                .writeHyper(txPackets).writeHyper(txErrs).writeHyper(txDrop);
        }
    }

    /** DOMAIN_BLOCK_STATS_FLAGS args; nparams 0 asks only for the count. */
    public record BlockStatsFlagsArgs(NonnullDomain dom, String path, int nparams, int flags) implements XdrStruct {
        public BlockStatsFlagsArgs {
            Objects.requireNonNull(dom, "dom");
            Objects.requireNonNull(path, "path");
        }

        public static BlockStatsFlagsArgs decode(XdrDecoder d) {
            return new BlockStatsFlagsArgs(NonnullDomain.decode(d), d.readString(Wire.STRING_MAX), d.readInt(),
                d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeString(path, Wire.STRING_MAX).writeInt(nparams).writeUnsignedInt(flags);
        }
    }

    /** DOMAIN_BLOCK_STATS_FLAGS ret. */
    public record BlockStatsFlagsRet(List<TypedParam> params, int nparams) implements XdrStruct {
        public BlockStatsFlagsRet {
            params = List.copyOf(params);
        }

        public static BlockStatsFlagsRet decode(XdrDecoder d) {
            return new BlockStatsFlagsRet(TypedParam.decodeList(d, Wire.DOMAIN_BLOCK_STATS_PARAMETERS_MAX),
                d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            TypedParam.encodeList(e, params, Wire.DOMAIN_BLOCK_STATS_PARAMETERS_MAX);
            e.writeInt(nparams);
        }
    }

    /** DOMAIN_GET_CPU_STATS args: see the fact sheet for the five ways virsh calls it. */
    public record GetCpuStatsArgs(NonnullDomain dom, int nparams, int startCpu, int ncpus, int flags)
        implements XdrStruct {
        public GetCpuStatsArgs {
            Objects.requireNonNull(dom, "dom");
        }

        public static GetCpuStatsArgs decode(XdrDecoder d) {
            return new GetCpuStatsArgs(NonnullDomain.decode(d), d.readUnsignedInt(), d.readInt(),
                d.readUnsignedInt(), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom).writeUnsignedInt(nparams).writeInt(startCpu).writeUnsignedInt(ncpus)
                .writeUnsignedInt(flags);
        }
    }

    /** DOMAIN_GET_CPU_STATS ret: params CPU-major, nparams per CPU. */
    public record GetCpuStatsRet(List<TypedParam> params, int nparams) implements XdrStruct {
        public GetCpuStatsRet {
            params = List.copyOf(params);
        }

        public static GetCpuStatsRet decode(XdrDecoder d) {
            return new GetCpuStatsRet(TypedParam.decodeList(d, Wire.DOMAIN_GET_CPU_STATS_MAX), d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            TypedParam.encodeList(e, params, Wire.DOMAIN_GET_CPU_STATS_MAX);
            e.writeInt(nparams);
        }
    }

    /** CONNECT_GET_ALL_DOMAIN_STATS args: the domains (none: all matching the flags' filters), groups, flags. */
    public record GetAllDomainStatsArgs(List<NonnullDomain> doms, int stats, int flags) implements XdrStruct {
        public GetAllDomainStatsArgs {
            doms = List.copyOf(doms);
        }

        public static GetAllDomainStatsArgs decode(XdrDecoder d) {
            return new GetAllDomainStatsArgs(d.readArray(Wire.DOMAIN_LIST_MAX, 24, NonnullDomain::decode),
                d.readUnsignedInt(), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeArray(doms, Wire.DOMAIN_LIST_MAX, XdrEncoder::writeStruct).writeUnsignedInt(stats)
                .writeUnsignedInt(flags);
        }
    }

    /** {@code remote_domain_stats_record}: one domain and its typed parameters. */
    public record DomainStatsRecord(NonnullDomain dom, List<TypedParam> params) implements XdrStruct {
        public DomainStatsRecord {
            Objects.requireNonNull(dom, "dom");
            params = List.copyOf(params);
        }

        public static DomainStatsRecord decode(XdrDecoder d) {
            return new DomainStatsRecord(NonnullDomain.decode(d),
                TypedParam.decodeList(d, Wire.CONNECT_GET_ALL_DOMAIN_STATS_MAX));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(dom);
            TypedParam.encodeList(e, params, Wire.CONNECT_GET_ALL_DOMAIN_STATS_MAX);
        }
    }

    /** CONNECT_GET_ALL_DOMAIN_STATS ret. */
    public record GetAllDomainStatsRet(List<DomainStatsRecord> retStats) implements XdrStruct {
        public GetAllDomainStatsRet {
            retStats = List.copyOf(retStats);
        }

        public static GetAllDomainStatsRet decode(XdrDecoder d) {
            // a domain (24 bytes at least) and the parameter count
            return new GetAllDomainStatsRet(d.readArray(Wire.DOMAIN_LIST_MAX, 28, DomainStatsRecord::decode));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeArray(retStats, Wire.DOMAIN_LIST_MAX, XdrEncoder::writeStruct);
        }
    }
}
