package io.vireo.remote.server;

import static io.vireo.remote.protocol.Procedure.*;
import static io.vireo.remote.server.Calls.done;
import static io.vireo.remote.server.Calls.first;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.ListFlags;
import io.vireo.api.Network;
import io.vireo.api.VirtException;
import io.vireo.remote.protocol.CommonProcs.Empty;
import io.vireo.remote.protocol.CommonProcs.ListAllArgs;
import io.vireo.remote.protocol.CommonProcs.NameList;
import io.vireo.remote.protocol.CommonProcs.OneInt;
import io.vireo.remote.protocol.CommonProcs.OneString;
import io.vireo.remote.protocol.CommonProcs.OneUuid;
import io.vireo.remote.protocol.CommonProcs.StringFlags;
import io.vireo.remote.protocol.NetworkProcs;
import io.vireo.remote.protocol.NetworkProcs.NetworkArgs;
import io.vireo.remote.protocol.NetworkProcs.NetworkRet;
import io.vireo.remote.protocol.NonnullNetwork;

import java.util.List;

/** Virtual networks. */
final class NetworkHandlers {

    private NetworkHandlers() {
    }

    static void register(HandlerTable t) {
        t.on(CONNECT_LIST_ALL_NETWORKS, ListAllArgs.class, (s, a) -> {
            List<Network> all = s.conn().listAllNetworks(a.flags());
            List<NonnullNetwork> wire = a.needResults() != 0 ? all.stream().map(Refs::wire).toList() : List.of();
            return new NetworkProcs.ListAllNetworksRet(wire, all.size());
        });
        t.on(CONNECT_NUM_OF_NETWORKS, Empty.class,
            (s, a) -> new OneInt(s.conn().listAllNetworks(ListFlags.NETWORK_ACTIVE).size()));
        t.on(CONNECT_LIST_NETWORKS, OneInt.class, (s, a) -> names(s, ListFlags.NETWORK_ACTIVE, a.value()));
        t.on(CONNECT_NUM_OF_DEFINED_NETWORKS, Empty.class,
            (s, a) -> new OneInt(s.conn().listAllNetworks(ListFlags.NETWORK_INACTIVE).size()));
        t.on(CONNECT_LIST_DEFINED_NETWORKS, OneInt.class, (s, a) -> names(s, ListFlags.NETWORK_INACTIVE, a.value()));

        t.on(NETWORK_LOOKUP_BY_NAME, OneString.class, (s, a) -> ret(s.conn().lookupNetworkByName(a.value())));
        t.on(NETWORK_LOOKUP_BY_UUID, OneUuid.class, (s, a) -> ret(s.conn().lookupNetworkByUuid(a.uuid())));
        t.on(NETWORK_DEFINE_XML, OneString.class, (s, a) -> ret(s.conn().defineNetwork(a.value(), 0)));
        t.on(NETWORK_DEFINE_XML_FLAGS, StringFlags.class, (s, a) -> ret(s.conn().defineNetwork(a.value(), a.flags())));
        t.on(NETWORK_CREATE_XML, OneString.class, (s, a) -> ret(s.conn().createNetwork(a.value(), 0)));
        t.on(NETWORK_CREATE_XML_FLAGS, StringFlags.class, (s, a) -> ret(s.conn().createNetwork(a.value(), a.flags())));

        t.on(NETWORK_CREATE, NetworkArgs.class, (s, a) -> done(() -> Refs.network(s, a.net()).create()));
        t.on(NETWORK_DESTROY, NetworkArgs.class, (s, a) -> done(() -> Refs.network(s, a.net()).destroy()));
        t.on(NETWORK_UNDEFINE, NetworkArgs.class, (s, a) -> done(() -> Refs.network(s, a.net()).undefine()));
        t.on(NETWORK_GET_XML_DESC, NetworkProcs.NetworkFlagsArgs.class,
            (s, a) -> new OneString(Refs.network(s, a.net()).xmlDesc(a.flags())));
        t.on(NETWORK_GET_AUTOSTART, NetworkArgs.class, (s, a) -> OneInt.of(Refs.network(s, a.net()).autostart()));
        t.on(NETWORK_SET_AUTOSTART, NetworkProcs.SetAutostartArgs.class,
            (s, a) -> done(() -> Refs.network(s, a.net()).setAutostart(a.autostart() != 0)));
        t.on(NETWORK_IS_ACTIVE, NetworkArgs.class, (s, a) -> OneInt.of(Refs.network(s, a.net()).isActive()));
        t.on(NETWORK_IS_PERSISTENT, NetworkArgs.class, (s, a) -> OneInt.of(Refs.network(s, a.net()).isPersistent()));
        t.on(NETWORK_GET_BRIDGE_NAME, NetworkArgs.class, (s, a) -> {
            Network n = Refs.network(s, a.net());
            String bridge = n.bridgeName();
            if (bridge == null || bridge.isEmpty()) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK,
                    "network '%s' does not have a bridge name.", n.name());
            }
            return new OneString(bridge);
        });
    }

    private static NetworkRet ret(Network n) {
        return new NetworkRet(Refs.wire(n));
    }

    private static NameList names(Session s, int flags, int max) {
        return new NameList(first(s.conn().listAllNetworks(flags), max).stream().map(Network::name).toList());
    }
}
