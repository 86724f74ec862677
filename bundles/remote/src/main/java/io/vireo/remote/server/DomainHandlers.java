package io.vireo.remote.server;

import static io.vireo.remote.protocol.Procedure.*;
import static io.vireo.remote.server.Calls.done;
import static io.vireo.remote.server.Calls.first;
import static io.vireo.remote.server.Calls.noFlags;

import io.vireo.api.Domain;
import io.vireo.api.DomainFlags;
import io.vireo.api.DomainInfo;
import io.vireo.api.DomainStateReason;
import io.vireo.api.ListFlags;
import io.vireo.api.SecurityLabel;
import io.vireo.remote.protocol.CommonProcs.Empty;
import io.vireo.remote.protocol.CommonProcs.ListAllArgs;
import io.vireo.remote.protocol.CommonProcs.NameList;
import io.vireo.remote.protocol.CommonProcs.OneInt;
import io.vireo.remote.protocol.CommonProcs.OneString;
import io.vireo.remote.protocol.CommonProcs.OneUHyper;
import io.vireo.remote.protocol.CommonProcs.OneUuid;
import io.vireo.remote.protocol.CommonProcs.StringFlags;
import io.vireo.remote.protocol.DomainProcs;
import io.vireo.remote.protocol.DomainProcs.DomainArgs;
import io.vireo.remote.protocol.DomainProcs.DomainFlagsArgs;
import io.vireo.remote.protocol.DomainProcs.DomainRet;
import io.vireo.remote.protocol.NonnullDomain;

import java.util.List;

/** Domain listing, lookup, definition, lifecycle, state and tuning. */
final class DomainHandlers {

    private DomainHandlers() {
    }

    static void register(HandlerTable t) {
        // Listing. The old Num/List calls are what virsh falls back to; they cost little to keep.
        t.on(CONNECT_LIST_ALL_DOMAINS, ListAllArgs.class, (s, a) -> {
            List<Domain> all = s.conn().listAllDomains(a.flags());
            List<NonnullDomain> wire = a.needResults() != 0 ? all.stream().map(Refs::wire).toList() : List.of();
            return new DomainProcs.ListAllDomainsRet(wire, all.size());
        });
        t.on(CONNECT_NUM_OF_DOMAINS, Empty.class,
            (s, a) -> new OneInt(s.conn().listAllDomains(ListFlags.DOMAIN_ACTIVE).size()));
        t.on(CONNECT_LIST_DOMAINS, OneInt.class, (s, a) -> new DomainProcs.ListDomainsRet(
            first(s.conn().listAllDomains(ListFlags.DOMAIN_ACTIVE), a.value()).stream().map(Domain::id).toList()));
        t.on(CONNECT_NUM_OF_DEFINED_DOMAINS, Empty.class,
            (s, a) -> new OneInt(s.conn().listAllDomains(ListFlags.DOMAIN_INACTIVE).size()));
        t.on(CONNECT_LIST_DEFINED_DOMAINS, OneInt.class, (s, a) -> new NameList(
            first(s.conn().listAllDomains(ListFlags.DOMAIN_INACTIVE), a.value()).stream().map(Domain::name)
                .toList()));

        t.on(DOMAIN_LOOKUP_BY_ID, OneInt.class, (s, a) -> ret(s.conn().lookupDomainById(a.value())));
        t.on(DOMAIN_LOOKUP_BY_NAME, OneString.class, (s, a) -> ret(s.conn().lookupDomainByName(a.value())));
        t.on(DOMAIN_LOOKUP_BY_UUID, OneUuid.class, (s, a) -> ret(s.conn().lookupDomainByUuid(a.uuid())));

        // Definition and lifecycle
        t.on(DOMAIN_DEFINE_XML, OneString.class, (s, a) -> ret(s.conn().defineDomain(a.value(), 0)));
        t.on(DOMAIN_DEFINE_XML_FLAGS, StringFlags.class, (s, a) -> ret(s.conn().defineDomain(a.value(), a.flags())));
        t.on(DOMAIN_CREATE_XML, StringFlags.class, (s, a) -> ret(s.conn().createDomain(a.value(), a.flags())));
        t.on(DOMAIN_CREATE, DomainArgs.class, (s, a) -> {
            Refs.domain(s, a.dom()).create(0);
            return Empty.INSTANCE;
        });
        t.on(DOMAIN_CREATE_WITH_FLAGS, DomainFlagsArgs.class, (s, a) -> {
            Domain d = Refs.domain(s, a.dom());
            d.create(a.flags());
            return ret(d); // carries the new id
        });
        t.on(DOMAIN_DESTROY, DomainArgs.class, (s, a) -> done(() -> Refs.domain(s, a.dom()).destroy(0)));
        t.on(DOMAIN_DESTROY_FLAGS, DomainFlagsArgs.class,
            (s, a) -> done(() -> Refs.domain(s, a.dom()).destroy(a.flags())));
        t.on(DOMAIN_SHUTDOWN, DomainArgs.class, (s, a) -> done(() -> Refs.domain(s, a.dom()).shutdown(0)));
        t.on(DOMAIN_SHUTDOWN_FLAGS, DomainFlagsArgs.class,
            (s, a) -> done(() -> Refs.domain(s, a.dom()).shutdown(a.flags())));
        t.on(DOMAIN_REBOOT, DomainFlagsArgs.class, (s, a) -> done(() -> Refs.domain(s, a.dom()).reboot(a.flags())));
        t.on(DOMAIN_SUSPEND, DomainArgs.class, (s, a) -> done(() -> Refs.domain(s, a.dom()).suspend()));
        t.on(DOMAIN_RESUME, DomainArgs.class, (s, a) -> done(() -> Refs.domain(s, a.dom()).resume()));
        t.on(DOMAIN_UNDEFINE, DomainArgs.class, (s, a) -> done(() -> Refs.domain(s, a.dom()).undefine(0)));
        t.on(DOMAIN_UNDEFINE_FLAGS, DomainFlagsArgs.class,
            (s, a) -> done(() -> Refs.domain(s, a.dom()).undefine(a.flags())));

        // State and information
        t.on(DOMAIN_GET_INFO, DomainArgs.class, (s, a) -> {
            DomainInfo i = Refs.domain(s, a.dom()).info();
            return new DomainProcs.GetInfoRet(i.state().value(), i.maxMemoryKiB(), i.memoryKiB(), i.vcpus(),
                i.cpuTimeNanos());
        });
        t.on(DOMAIN_GET_STATE, DomainFlagsArgs.class, (s, a) -> {
            noFlags(a.flags(), "virDomainGetState");
            DomainStateReason st = Refs.domain(s, a.dom()).state();
            return new DomainProcs.GetStateRet(st.state().value(), st.reason());
        });
        t.on(DOMAIN_GET_OS_TYPE, DomainArgs.class, (s, a) -> new OneString(Refs.domain(s, a.dom()).osType()));
        t.on(DOMAIN_GET_MAX_MEMORY, DomainArgs.class,
            (s, a) -> new OneUHyper(Refs.domain(s, a.dom()).info().maxMemoryKiB()));
        t.on(DOMAIN_GET_XML_DESC, DomainFlagsArgs.class,
            (s, a) -> new OneString(Refs.domain(s, a.dom()).xmlDesc(a.flags())));
        t.on(DOMAIN_IS_ACTIVE, DomainArgs.class, (s, a) -> OneInt.of(Refs.domain(s, a.dom()).isActive()));
        t.on(DOMAIN_IS_PERSISTENT, DomainArgs.class, (s, a) -> OneInt.of(Refs.domain(s, a.dom()).isPersistent()));
        t.on(DOMAIN_GET_AUTOSTART, DomainArgs.class, (s, a) -> OneInt.of(Refs.domain(s, a.dom()).autostart()));
        t.on(DOMAIN_SET_AUTOSTART, DomainProcs.SetAutostartArgs.class,
            (s, a) -> done(() -> Refs.domain(s, a.dom()).setAutostart(a.autostart() != 0)));
        t.on(DOMAIN_HAS_MANAGED_SAVE_IMAGE, DomainFlagsArgs.class, (s, a) -> {
            noFlags(a.flags(), "virDomainHasManagedSaveImage");
            return OneInt.of(Refs.domain(s, a.dom()).hasManagedSaveImage());
        });
        t.on(DOMAIN_GET_SECURITY_LABEL, DomainArgs.class, (s, a) -> {
            SecurityLabel l = Refs.domain(s, a.dom()).securityLabel();
            return DomainProcs.GetSecurityLabelRet.of(l == null || l.label() == null ? "" : l.label(),
                l != null && l.enforcing());
        });

        // Tuning. The flag-less calls act on the live domain, as libvirt's public API defines them.
        t.on(DOMAIN_SET_MEMORY, DomainProcs.SetMemoryArgs.class,
            (s, a) -> done(() -> Refs.domain(s, a.dom()).setMemory(a.memory(), DomainFlags.AFFECT_LIVE)));
        t.on(DOMAIN_SET_MAX_MEMORY, DomainProcs.SetMemoryArgs.class,
            (s, a) -> done(() -> Refs.domain(s, a.dom()).setMemory(a.memory(), DomainFlags.MEM_MAXIMUM)));
        t.on(DOMAIN_SET_MEMORY_FLAGS, DomainProcs.SetMemoryFlagsArgs.class,
            (s, a) -> done(() -> Refs.domain(s, a.dom()).setMemory(a.memory(), a.flags())));
        t.on(DOMAIN_SET_VCPUS, DomainProcs.SetVcpusArgs.class,
            (s, a) -> done(() -> Refs.domain(s, a.dom()).setVcpus(a.nvcpus(), DomainFlags.AFFECT_LIVE)));
        t.on(DOMAIN_SET_VCPUS_FLAGS, DomainProcs.SetVcpusFlagsArgs.class,
            (s, a) -> done(() -> Refs.domain(s, a.dom()).setVcpus(a.nvcpus(), a.flags())));
        t.on(DOMAIN_SET_MEMORY_STATS_PERIOD, DomainProcs.SetMemoryStatsPeriodArgs.class,
            (s, a) -> done(() -> Refs.domain(s, a.dom()).setMemoryStatsPeriod(a.period(), a.flags())));
    }

    private static DomainRet ret(Domain d) {
        return new DomainRet(Refs.wire(d));
    }
}
