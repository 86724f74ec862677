package io.vireo.remote.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrException;
import io.vireo.remote.xdr.XdrStruct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every struct record encodes, decodes to an equal value, re-encodes to the same bytes, and fails on any truncation. */
class StructRoundTripTest {

    static Stream<Class<? extends XdrStruct>> structs() {
        return StructSamples.structClasses().stream();
    }

    @Test
    void thereAreManyStructs() {
        assertTrue(StructSamples.structClasses().size() > 70, "found " + StructSamples.structClasses().size());
    }

    @ParameterizedTest
    @MethodSource("structs")
    void roundTripsAndRejectsEveryTruncation(Class<? extends XdrStruct> c) {
        XdrStruct sample = new StructSamples().sample(c);
        assertRoundTrip(c, sample);
    }

    @ParameterizedTest
    @MethodSource("structs")
    void nullableComponentsRoundTripAsAbsent(Class<? extends XdrStruct> c) {
        var components = c.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getType().isPrimitive()) {
                continue;
            }
            XdrStruct sample;
            try {
                sample = new StructSamples().sampleWithNull(c, i);
            } catch (NullPointerException required) {
                continue;
            }
            // a record that accepts null must be able to send it
            assertRoundTrip(c, sample);
        }
    }

    private static void assertRoundTrip(Class<? extends XdrStruct> c, XdrStruct sample) {
        XdrDecoder.Reader<XdrStruct> decoder = StructSamples.decoder(c);
        byte[] bytes = sample.toXdr();
        assertEquals(0, bytes.length % 4, "XDR is made of 4-byte units");
        XdrDecoder d = new XdrDecoder(bytes);
        XdrStruct back = decoder.read(d);
        d.requireEnd();
        assertEquals(sample, back);
        assertArrayEquals(bytes, back.toXdr());
        for (int len = 0; len < bytes.length; len++) {
            byte[] prefix = Arrays.copyOf(bytes, len);
            assertThrows(XdrException.class, () -> decoder.read(new XdrDecoder(prefix)),
                c.getSimpleName() + " truncated to " + prefix.length);
        }
    }

    @Test
    void everyTableEntryDecodesSomeStruct() {
        // each reader in the table must accept the encoding of one of our struct classes exactly
        List<byte[]> encodings = new ArrayList<>();
        for (Class<? extends XdrStruct> c : StructSamples.structClasses()) {
            encodings.add(new StructSamples().sample(c).toXdr());
        }
        encodings.add(new byte[0]);
        for (ProcedureTable.Signature sig : ProcedureTable.all().values()) {
            List<XdrDecoder.Reader<? extends XdrStruct>> readers = new ArrayList<>();
            readers.add(sig.args());
            if (sig.ret() != null) {
                readers.add(sig.ret());
            }
            for (XdrDecoder.Reader<? extends XdrStruct> r : readers) {
                boolean ok = encodings.stream().anyMatch(b -> {
                    try {
                        XdrDecoder d = new XdrDecoder(b);
                        XdrStruct s = r.read(d);
                        d.requireEnd();
                        return Arrays.equals(b, s.toXdr());
                    } catch (XdrException ex) {
                        return false;
                    }
                });
                assertTrue(ok, "no struct fits a reader of " + sig.procedure());
            }
        }
    }

    @Test
    void tableCoversWhatVirshUsesForTheTargetedCommands() {
        Set<Procedure> needed = EnumSet.of(
            // handshake, close, keepalive-related and host commands
            Procedure.AUTH_LIST, Procedure.CONNECT_SUPPORTS_FEATURE, Procedure.CONNECT_OPEN,
            Procedure.CONNECT_GET_URI, Procedure.CONNECT_REGISTER_CLOSE_CALLBACK,
            Procedure.CONNECT_UNREGISTER_CLOSE_CALLBACK, Procedure.CONNECT_CLOSE, Procedure.CONNECT_GET_TYPE,
            Procedure.CONNECT_GET_VERSION, Procedure.CONNECT_GET_LIB_VERSION, Procedure.CONNECT_GET_HOSTNAME,
            Procedure.CONNECT_GET_CAPABILITIES, Procedure.CONNECT_GET_DOMAIN_CAPABILITIES,
            Procedure.CONNECT_IS_SECURE, Procedure.NODE_GET_INFO, Procedure.NODE_GET_SECURITY_MODEL,
            // list, dominfo, domstate, domid/domname/domuuid, dumpxml
            Procedure.CONNECT_LIST_ALL_DOMAINS, Procedure.DOMAIN_GET_STATE, Procedure.DOMAIN_GET_INFO,
            Procedure.CONNECT_NUM_OF_DOMAINS, Procedure.CONNECT_LIST_DOMAINS,
            Procedure.CONNECT_NUM_OF_DEFINED_DOMAINS, Procedure.CONNECT_LIST_DEFINED_DOMAINS,
            Procedure.DOMAIN_LOOKUP_BY_ID, Procedure.DOMAIN_LOOKUP_BY_NAME, Procedure.DOMAIN_LOOKUP_BY_UUID,
            Procedure.DOMAIN_GET_OS_TYPE, Procedure.DOMAIN_IS_PERSISTENT, Procedure.DOMAIN_GET_AUTOSTART,
            Procedure.DOMAIN_HAS_MANAGED_SAVE_IMAGE, Procedure.DOMAIN_GET_SECURITY_LABEL,
            Procedure.DOMAIN_GET_MESSAGES, Procedure.DOMAIN_GET_XML_DESC,
            // define, create, undefine, start, shutdown, destroy, reboot, suspend, resume, autostart
            Procedure.DOMAIN_DEFINE_XML, Procedure.DOMAIN_DEFINE_XML_FLAGS, Procedure.DOMAIN_CREATE_XML,
            Procedure.DOMAIN_IS_ACTIVE, Procedure.DOMAIN_SNAPSHOT_NUM, Procedure.DOMAIN_UNDEFINE_FLAGS,
            Procedure.DOMAIN_UNDEFINE, Procedure.DOMAIN_MANAGED_SAVE_REMOVE, Procedure.DOMAIN_CREATE,
            Procedure.DOMAIN_CREATE_WITH_FLAGS, Procedure.DOMAIN_SHUTDOWN, Procedure.DOMAIN_SHUTDOWN_FLAGS,
            Procedure.DOMAIN_DESTROY, Procedure.DOMAIN_DESTROY_FLAGS, Procedure.DOMAIN_REBOOT,
            Procedure.DOMAIN_RESET, Procedure.DOMAIN_SUSPEND, Procedure.DOMAIN_RESUME,
            Procedure.DOMAIN_SET_AUTOSTART,
            // setmem, setmaxmem, setvcpus
            Procedure.DOMAIN_SET_MEMORY_FLAGS, Procedure.DOMAIN_SET_MEMORY, Procedure.DOMAIN_SET_MAX_MEMORY,
            Procedure.DOMAIN_SET_VCPUS, Procedure.DOMAIN_SET_VCPUS_FLAGS, Procedure.DOMAIN_GET_VCPUS_FLAGS,
            Procedure.DOMAIN_GET_MAX_VCPUS,
            // console, event
            Procedure.DOMAIN_OPEN_CONSOLE, Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
            Procedure.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, Procedure.DOMAIN_EVENT_CALLBACK_LIFECYCLE,
            Procedure.DOMAIN_EVENT_CALLBACK_REBOOT,
            // net-*
            Procedure.CONNECT_LIST_ALL_NETWORKS, Procedure.NETWORK_GET_AUTOSTART, Procedure.NETWORK_IS_ACTIVE,
            Procedure.NETWORK_IS_PERSISTENT, Procedure.NETWORK_DEFINE_XML, Procedure.NETWORK_DEFINE_XML_FLAGS,
            Procedure.NETWORK_CREATE_XML, Procedure.NETWORK_CREATE_XML_FLAGS, Procedure.NETWORK_CREATE,
            Procedure.NETWORK_DESTROY, Procedure.NETWORK_UNDEFINE, Procedure.NETWORK_GET_XML_DESC,
            Procedure.NETWORK_SET_AUTOSTART, Procedure.NETWORK_GET_BRIDGE_NAME, Procedure.NETWORK_LOOKUP_BY_NAME,
            Procedure.NETWORK_LOOKUP_BY_UUID, Procedure.CONNECT_NETWORK_EVENT_REGISTER_ANY,
            Procedure.CONNECT_NETWORK_EVENT_DEREGISTER_ANY, Procedure.NETWORK_EVENT_LIFECYCLE,
            // pool-*
            Procedure.CONNECT_LIST_ALL_STORAGE_POOLS, Procedure.STORAGE_POOL_GET_AUTOSTART,
            Procedure.STORAGE_POOL_IS_PERSISTENT, Procedure.STORAGE_POOL_GET_INFO, Procedure.STORAGE_POOL_IS_ACTIVE,
            Procedure.STORAGE_POOL_DEFINE_XML, Procedure.STORAGE_POOL_CREATE_XML, Procedure.STORAGE_POOL_BUILD,
            Procedure.STORAGE_POOL_CREATE, Procedure.STORAGE_POOL_DESTROY, Procedure.STORAGE_POOL_UNDEFINE,
            Procedure.STORAGE_POOL_REFRESH, Procedure.STORAGE_POOL_SET_AUTOSTART,
            Procedure.STORAGE_POOL_GET_XML_DESC, Procedure.STORAGE_POOL_LOOKUP_BY_NAME,
            Procedure.STORAGE_POOL_LOOKUP_BY_UUID, Procedure.STORAGE_POOL_LOOKUP_BY_VOLUME,
            // vol-*
            Procedure.STORAGE_POOL_LIST_ALL_VOLUMES, Procedure.STORAGE_POOL_NUM_OF_VOLUMES,
            Procedure.STORAGE_POOL_LIST_VOLUMES, Procedure.STORAGE_VOL_GET_PATH, Procedure.STORAGE_VOL_GET_INFO,
            Procedure.STORAGE_VOL_GET_INFO_FLAGS, Procedure.STORAGE_VOL_CREATE_XML,
            Procedure.STORAGE_VOL_CREATE_XML_FROM, Procedure.STORAGE_VOL_LOOKUP_BY_NAME,
            Procedure.STORAGE_VOL_LOOKUP_BY_KEY, Procedure.STORAGE_VOL_LOOKUP_BY_PATH, Procedure.STORAGE_VOL_DELETE,
            Procedure.STORAGE_VOL_GET_XML_DESC, Procedure.STORAGE_VOL_WIPE, Procedure.STORAGE_VOL_RESIZE,
            Procedure.STORAGE_VOL_UPLOAD, Procedure.STORAGE_VOL_DOWNLOAD,
            // snapshot-*
            Procedure.DOMAIN_SNAPSHOT_CREATE_XML, Procedure.DOMAIN_LIST_ALL_SNAPSHOTS,
            Procedure.DOMAIN_SNAPSHOT_GET_XML_DESC, Procedure.DOMAIN_SNAPSHOT_LIST_NAMES,
            Procedure.DOMAIN_SNAPSHOT_LOOKUP_BY_NAME, Procedure.DOMAIN_SNAPSHOT_CURRENT,
            Procedure.DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN, Procedure.DOMAIN_REVERT_TO_SNAPSHOT,
            Procedure.DOMAIN_SNAPSHOT_DELETE, Procedure.DOMAIN_SNAPSHOT_IS_CURRENT,
            Procedure.DOMAIN_SNAPSHOT_NUM_CHILDREN, Procedure.DOMAIN_SNAPSHOT_HAS_METADATA,
            Procedure.DOMAIN_SNAPSHOT_GET_PARENT, Procedure.DOMAIN_HAS_CURRENT_SNAPSHOT);
        Set<Procedure> missing = EnumSet.copyOf(needed);
        missing.removeAll(ProcedureTable.all().keySet());
        assertTrue(missing.isEmpty(), "no codec for " + missing);
    }
}
