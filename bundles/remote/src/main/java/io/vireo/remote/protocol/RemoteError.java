package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

/**
 * {@code remote_error}: the payload of every error REPLY (and of a server's STREAM ERROR). The client
 * re-raises it verbatim, so {@code message} should always be set: an absent message shows as
 * "Unknown error". {@code dom} and {@code net} are unused by libvirt and normally null.
 *
 * @param code    virErrorNumber
 * @param domain  virErrorDomain
 * @param level   0 none, 1 warning, 2 error
 */
public record RemoteError(int code, int domain, String message, int level, NonnullDomain dom, String str1,
                          String str2, String str3, int int1, int int2, NonnullNetwork net) implements XdrStruct {

    public static final int LEVEL_NONE = 0;
    public static final int LEVEL_WARNING = 1;
    public static final int LEVEL_ERROR = 2;

    /** An ordinary error as libvirtd sends it: level ERROR, int1/int2 -1, nothing else set. */
    public static RemoteError of(int code, int domain, String message) {
        return new RemoteError(code, domain, message, LEVEL_ERROR, null, null, null, null, -1, -1, null);
    }

    public static RemoteError decode(XdrDecoder d) {
        int code = d.readInt();
        int domain = d.readInt();
        String message = d.readOptionalString(Wire.STRING_MAX);
        int level = d.readInt();
        NonnullDomain dom = d.readOptional(NonnullDomain::decode);
        String str1 = d.readOptionalString(Wire.STRING_MAX);
        String str2 = d.readOptionalString(Wire.STRING_MAX);
        String str3 = d.readOptionalString(Wire.STRING_MAX);
        int int1 = d.readInt();
        int int2 = d.readInt();
        NonnullNetwork net = d.readOptional(NonnullNetwork::decode);
        return new RemoteError(code, domain, message, level, dom, str1, str2, str3, int1, int2, net);
    }

    @Override
    public void encode(XdrEncoder e) {
        e.writeInt(code).writeInt(domain).writeOptionalString(message, Wire.STRING_MAX).writeInt(level)
            .writeOptional(dom, XdrEncoder::writeStruct)
            .writeOptionalString(str1, Wire.STRING_MAX)
            .writeOptionalString(str2, Wire.STRING_MAX)
            .writeOptionalString(str3, Wire.STRING_MAX)
            .writeInt(int1).writeInt(int2)
            .writeOptional(net, XdrEncoder::writeStruct);
    }
}
