package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

import java.util.List;
import java.util.Objects;

/** Virtual network procedures. Note the list-all flag order: 1 INACTIVE, 2 ACTIVE (unlike domains). */
public final class NetworkProcs {

    private NetworkProcs() {
    }

    /** {net}: create (start), destroy, undefine, get autostart/bridge name, is active/persistent. */
    public record NetworkArgs(NonnullNetwork net) implements XdrStruct {
        public NetworkArgs {
            Objects.requireNonNull(net, "net");
        }

        public static NetworkArgs decode(XdrDecoder d) {
            return new NetworkArgs(NonnullNetwork.decode(d));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(net);
        }
    }

    /** {net, flags}: NETWORK_GET_XML_DESC (INACTIVE = 1). */
    public record NetworkFlagsArgs(NonnullNetwork net, int flags) implements XdrStruct {
        public NetworkFlagsArgs {
            Objects.requireNonNull(net, "net");
        }

        public static NetworkFlagsArgs decode(XdrDecoder d) {
            return new NetworkFlagsArgs(NonnullNetwork.decode(d), d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(net).writeUnsignedInt(flags);
        }
    }

    /** {net}: the reply of lookups, define and create. */
    public record NetworkRet(NonnullNetwork net) implements XdrStruct {
        public NetworkRet {
            Objects.requireNonNull(net, "net");
        }

        public static NetworkRet decode(XdrDecoder d) {
            return new NetworkRet(NonnullNetwork.decode(d));
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(net);
        }
    }

    /** NETWORK_SET_AUTOSTART args. */
    public record SetAutostartArgs(NonnullNetwork net, int autostart) implements XdrStruct {
        public SetAutostartArgs {
            Objects.requireNonNull(net, "net");
        }

        public static SetAutostartArgs decode(XdrDecoder d) {
            return new SetAutostartArgs(NonnullNetwork.decode(d), d.readInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeStruct(net).writeInt(autostart);
        }
    }

    /** CONNECT_LIST_ALL_NETWORKS ret. */
    public record ListAllNetworksRet(List<NonnullNetwork> nets, int ret) implements XdrStruct {
        public ListAllNetworksRet {
            nets = List.copyOf(nets);
        }

        public static ListAllNetworksRet decode(XdrDecoder d) {
            return new ListAllNetworksRet(d.readArray(Wire.NETWORK_LIST_MAX, 20, NonnullNetwork::decode),
                d.readUnsignedInt());
        }

        @Override
        public void encode(XdrEncoder e) {
            e.writeArray(nets, Wire.NETWORK_LIST_MAX, XdrEncoder::writeStruct).writeUnsignedInt(ret);
        }
    }
}
