package io.vireo.remote.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.remote.protocol.Procedure;
import io.vireo.remote.protocol.ProcedureTable;
import io.vireo.remote.xdr.XdrDecoder;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HandlerTableTest {
    final HandlerTable table = HandlerTable.standard(null);

    /** Every handler's args class is what {@link ProcedureTable} decodes for its procedure. */
    @Test
    void handlerArgTypesMatchTheProtocolCodecs() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<Procedure, HandlerTable.Entry<?>> e : table.all().entrySet()) {
            // All-zero bytes decode for every args struct: zero numbers, empty strings, absent options.
            Object decoded = ProcedureTable.signature(e.getKey()).orElseThrow().args().read(new XdrDecoder(new byte[4096]));
            if (!e.getValue().argType().isInstance(decoded)) {
                wrong.add(e.getKey() + " decodes " + decoded.getClass().getSimpleName() + ", handler takes "
                    + e.getValue().argType().getSimpleName());
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** What virsh's commands and python-libvirt's common calls send (fact sheet §3), all served. */
    @Test
    void everyProcedureTheClientsUseIsServed() {
        Set<Procedure> needed = EnumSet.of(Procedure.AUTH_LIST, Procedure.CONNECT_SUPPORTS_FEATURE,
            Procedure.CONNECT_OPEN, Procedure.CONNECT_CLOSE, Procedure.CONNECT_GET_URI,
            Procedure.CONNECT_REGISTER_CLOSE_CALLBACK, Procedure.CONNECT_UNREGISTER_CLOSE_CALLBACK,
            Procedure.CONNECT_GET_TYPE, Procedure.CONNECT_GET_VERSION, Procedure.CONNECT_GET_LIB_VERSION,
            Procedure.CONNECT_GET_HOSTNAME, Procedure.CONNECT_GET_CAPABILITIES, Procedure.NODE_GET_INFO,
            Procedure.NODE_GET_SECURITY_MODEL, Procedure.CONNECT_IS_SECURE,
            Procedure.CONNECT_LIST_ALL_DOMAINS, Procedure.DOMAIN_GET_STATE, Procedure.DOMAIN_GET_INFO,
            Procedure.DOMAIN_GET_OS_TYPE, Procedure.DOMAIN_IS_PERSISTENT, Procedure.DOMAIN_IS_ACTIVE,
            Procedure.DOMAIN_GET_AUTOSTART, Procedure.DOMAIN_HAS_MANAGED_SAVE_IMAGE, Procedure.DOMAIN_GET_SECURITY_LABEL,
            Procedure.DOMAIN_LOOKUP_BY_ID, Procedure.DOMAIN_LOOKUP_BY_NAME, Procedure.DOMAIN_LOOKUP_BY_UUID,
            Procedure.DOMAIN_GET_XML_DESC, Procedure.DOMAIN_DEFINE_XML, Procedure.DOMAIN_DEFINE_XML_FLAGS,
            Procedure.DOMAIN_CREATE_XML, Procedure.DOMAIN_CREATE, Procedure.DOMAIN_CREATE_WITH_FLAGS,
            Procedure.DOMAIN_UNDEFINE, Procedure.DOMAIN_UNDEFINE_FLAGS, Procedure.DOMAIN_SNAPSHOT_NUM,
            Procedure.DOMAIN_SHUTDOWN, Procedure.DOMAIN_SHUTDOWN_FLAGS, Procedure.DOMAIN_DESTROY,
            Procedure.DOMAIN_DESTROY_FLAGS, Procedure.DOMAIN_REBOOT, Procedure.DOMAIN_SUSPEND, Procedure.DOMAIN_RESUME,
            Procedure.DOMAIN_SET_AUTOSTART, Procedure.DOMAIN_SET_MEMORY_FLAGS, Procedure.DOMAIN_SET_VCPUS,
            Procedure.DOMAIN_SET_VCPUS_FLAGS, Procedure.DOMAIN_SET_MAX_MEMORY, Procedure.DOMAIN_SET_MEMORY,
            Procedure.CONNECT_LIST_ALL_NETWORKS, Procedure.NETWORK_LOOKUP_BY_NAME, Procedure.NETWORK_LOOKUP_BY_UUID,
            Procedure.NETWORK_DEFINE_XML, Procedure.NETWORK_DEFINE_XML_FLAGS, Procedure.NETWORK_CREATE,
            Procedure.NETWORK_DESTROY, Procedure.NETWORK_UNDEFINE, Procedure.NETWORK_GET_XML_DESC,
            Procedure.NETWORK_GET_AUTOSTART, Procedure.NETWORK_SET_AUTOSTART, Procedure.NETWORK_IS_ACTIVE,
            Procedure.NETWORK_IS_PERSISTENT, Procedure.NETWORK_GET_BRIDGE_NAME,
            Procedure.CONNECT_LIST_ALL_STORAGE_POOLS, Procedure.STORAGE_POOL_LOOKUP_BY_NAME,
            Procedure.STORAGE_POOL_LOOKUP_BY_UUID, Procedure.STORAGE_POOL_DEFINE_XML, Procedure.STORAGE_POOL_CREATE,
            Procedure.STORAGE_POOL_DESTROY, Procedure.STORAGE_POOL_UNDEFINE, Procedure.STORAGE_POOL_GET_INFO,
            Procedure.STORAGE_POOL_GET_XML_DESC, Procedure.STORAGE_POOL_GET_AUTOSTART, Procedure.STORAGE_POOL_IS_ACTIVE,
            Procedure.STORAGE_POOL_IS_PERSISTENT, Procedure.STORAGE_POOL_LIST_ALL_VOLUMES,
            Procedure.STORAGE_POOL_LOOKUP_BY_VOLUME, Procedure.STORAGE_VOL_CREATE_XML, Procedure.STORAGE_VOL_DELETE,
            Procedure.STORAGE_VOL_LOOKUP_BY_NAME, Procedure.STORAGE_VOL_LOOKUP_BY_KEY,
            Procedure.STORAGE_VOL_LOOKUP_BY_PATH, Procedure.STORAGE_VOL_GET_INFO, Procedure.STORAGE_VOL_GET_INFO_FLAGS,
            Procedure.STORAGE_VOL_GET_XML_DESC, Procedure.STORAGE_VOL_GET_PATH,
            Procedure.DOMAIN_SNAPSHOT_CREATE_XML, Procedure.DOMAIN_LIST_ALL_SNAPSHOTS,
            Procedure.DOMAIN_SNAPSHOT_GET_XML_DESC, Procedure.DOMAIN_SNAPSHOT_LOOKUP_BY_NAME,
            Procedure.DOMAIN_REVERT_TO_SNAPSHOT, Procedure.DOMAIN_SNAPSHOT_DELETE, Procedure.DOMAIN_SNAPSHOT_CURRENT,
            Procedure.DOMAIN_SNAPSHOT_GET_PARENT, Procedure.DOMAIN_SNAPSHOT_IS_CURRENT,
            Procedure.DOMAIN_SNAPSHOT_NUM_CHILDREN, Procedure.DOMAIN_SNAPSHOT_HAS_METADATA,
            Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
            Procedure.CONNECT_NETWORK_EVENT_REGISTER_ANY, Procedure.CONNECT_NETWORK_EVENT_DEREGISTER_ANY,
            Procedure.DOMAIN_OPEN_CONSOLE);
        Set<Procedure> missing = EnumSet.copyOf(needed);
        missing.removeAll(table.all().keySet());
        assertEquals(Set.of(), missing);
    }

    @Test
    void registrationIsChecked() {
        HandlerTable t = new HandlerTable();
        assertThrows(IllegalArgumentException.class, () -> t.on(Procedure.DOMAIN_BLOCK_PEEK,
            io.vireo.remote.protocol.CommonProcs.Empty.class, (s, a) -> a), "no codec");
        assertThrows(IllegalArgumentException.class, () -> t.on(Procedure.DOMAIN_EVENT_CALLBACK_LIFECYCLE,
            io.vireo.remote.protocol.EventProcs.DomainLifecycleMsg.class, (s, a) -> a), "an event");
        t.on(Procedure.CONNECT_GET_TYPE, io.vireo.remote.protocol.CommonProcs.Empty.class, (s, a) -> a);
        assertThrows(IllegalStateException.class, () -> t.on(Procedure.CONNECT_GET_TYPE,
            io.vireo.remote.protocol.CommonProcs.Empty.class, (s, a) -> a), "twice");
        assertTrue(table.all().size() > 100, "served: " + table.all().size());
    }

    @Test
    void apiNames() {
        assertEquals("virDomainGetInfo", RemoteErrors.apiName(Procedure.DOMAIN_GET_INFO));
        assertEquals("virConnectListAllDomains", RemoteErrors.apiName(Procedure.CONNECT_LIST_ALL_DOMAINS));
    }
}
