package io.vireo.remote.server;

import static io.vireo.remote.protocol.Procedure.*;

import io.vireo.api.ConnectionFactory;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.NodeInfo;
import io.vireo.api.SecurityModel;
import io.vireo.api.VirtException;
import io.vireo.remote.protocol.CommonProcs.Empty;
import io.vireo.remote.protocol.CommonProcs.OneInt;
import io.vireo.remote.protocol.CommonProcs.OneString;
import io.vireo.remote.protocol.CommonProcs.OneUHyper;
import io.vireo.remote.protocol.ConnectProcs;
import io.vireo.remote.protocol.Wire;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The handshake (auth, features, open, close) and the host-level calls. */
final class ConnectHandlers {
    private final ConnectionFactory factory;

    ConnectHandlers(ConnectionFactory factory) {
        this.factory = factory;
    }

    void register(HandlerTable t) {
        t.on(AUTH_LIST, Empty.class, (s, a) -> new ConnectProcs.AuthListRet(List.of(s.auth().wireValue())));
        t.on(AUTH_SASL_INIT, Empty.class, (s, a) -> authNotOffered(s, "SASL"));
        t.on(AUTH_SASL_START, ConnectProcs.AuthSaslStartArgs.class, (s, a) -> authNotOffered(s, "SASL"));
        t.on(AUTH_SASL_STEP, ConnectProcs.AuthSaslStepArgs.class, (s, a) -> authNotOffered(s, "SASL"));
        t.on(AUTH_POLKIT, Empty.class, (s, a) -> authNotOffered(s, "polkit"));
        t.on(CONNECT_SUPPORTS_FEATURE, OneInt.class, (s, a) -> {
            if (a.value() == ConnectProcs.FEATURE_PROGRAM_KEEPALIVE) {
                // Asking is the client's promise to answer our pings (libvirtd starts pinging only then).
                s.requestKeepalive();
            }
            return OneInt.of(Features.supported(a.value()));
        });
        t.on(CONNECT_OPEN, ConnectProcs.OpenArgs.class, (s, a) -> {
            String uri = DriverUris.map(a.name(), factory.defaultUri());
            boolean readOnly = s.readOnlySocket() || (a.flags() & ConnectProcs.OPEN_READ_ONLY) != 0;
            s.open(() -> factory.open(uri, readOnly, s.principal()));
            return Empty.INSTANCE;
        });
        t.on(CONNECT_CLOSE, Empty.class, (s, a) -> {
            s.close(true);
            return Empty.INSTANCE;
        });
        t.on(CONNECT_REGISTER_CLOSE_CALLBACK, Empty.class, (s, a) -> {
            s.conn();
            s.closeCallback(true);
            return Empty.INSTANCE;
        });
        t.on(CONNECT_UNREGISTER_CLOSE_CALLBACK, Empty.class, (s, a) -> {
            s.conn();
            s.closeCallback(false);
            return Empty.INSTANCE;
        });
        t.on(CONNECT_GET_URI, Empty.class, (s, a) -> new OneString(s.conn().uri()));
        t.on(CONNECT_GET_TYPE, Empty.class, (s, a) -> new OneString(s.conn().type()));
        t.on(CONNECT_GET_VERSION, Empty.class, (s, a) -> new OneUHyper(s.conn().hypervisorVersion()));
        t.on(CONNECT_GET_LIB_VERSION, Empty.class, (s, a) -> new OneUHyper(s.conn().libVersion()));
        t.on(CONNECT_GET_HOSTNAME, Empty.class, (s, a) -> new OneString(s.conn().hostname()));
        t.on(CONNECT_GET_CAPABILITIES, Empty.class, (s, a) -> new OneString(s.conn().capabilities()));
        t.on(CONNECT_GET_DOMAIN_CAPABILITIES, ConnectProcs.GetDomainCapabilitiesArgs.class, (s, a) -> new OneString(
            s.conn().domainCapabilities(a.emulatorbin(), a.arch(), a.machine(), a.virttype(), a.flags())));
        // The hypervisor side of every Vireo driver is local to this daemon; the client combines this
        // with what it knows of the transport (plain TCP is never secure).
        t.on(CONNECT_IS_SECURE, Empty.class, (s, a) -> {
            s.conn();
            return OneInt.of(true);
        });
        t.on(NODE_GET_INFO, Empty.class, (s, a) -> nodeInfo(s.conn().nodeInfo()));
        t.on(NODE_GET_SECURITY_MODEL, Empty.class, (s, a) -> {
            SecurityModel m = s.conn().securityModel();
            return ConnectProcs.NodeGetSecurityModelRet.of(nullToEmpty(m.model()), nullToEmpty(m.doi()));
        });
    }

    private static Empty authNotOffered(Session s, String method) {
        throw VirtException.of(ErrorCode.AUTH_FAILED, ErrorDomain.AUTH,
            method + " authentication is not offered on this socket (offered: " + s.auth().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }

    private static ConnectProcs.NodeGetInfoRet nodeInfo(NodeInfo n) {
        return new ConnectProcs.NodeGetInfoRet(fitModel(nullToEmpty(n.model())), n.memoryKiB(), n.cpus(), n.mhz(),
            n.nodes(), n.sockets(), n.cores(), n.threads());
    }

    /** The model travels in a C char[32]: at most 31 bytes, cut on a character boundary. */
    static String fitModel(String model) {
        String m = model;
        while (m.getBytes(StandardCharsets.UTF_8).length >= Wire.NODE_MODEL_LENGTH) {
            m = m.substring(0, m.length() - 1);
        }
        return m;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
