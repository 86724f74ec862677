package io.vireo.core.connect;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DriverConnection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectionImplTest {
    /** A driver that implements no role at all. */
    private static final DriverConnection BARE = () -> ErrorDomain.TEST;

    @Test
    void missingRoleIsNoSupportNamingTheApi() {
        ConnectionImpl c = new ConnectionImpl("test:///default", "test", BARE, false, "local", r -> { }, x -> { });
        VirtException e = assertThrows(VirtException.class, () -> c.listAllDomains(0));
        assertEquals(ErrorCode.NO_SUPPORT, e.code());
        assertEquals("this function is not supported by the connection driver: virConnectListAllDomains",
                e.getMessage());
    }

    @Test
    void readOnlyRefusesChangesBeforeTheDriverSeesThem() {
        ConnectionImpl c = new ConnectionImpl("test:///default", "test", BARE, true, "local", r -> { }, x -> { });
        VirtException e = assertThrows(VirtException.class, () -> c.defineDomain("<domain/>", 0));
        assertEquals(ErrorCode.OPERATION_DENIED, e.code());
        assertEquals("operation forbidden: read only access prevents virDomainDefineXML", e.getMessage());
    }

    @Test
    void closedAndInvalidatedConnectionsFail() {
        ConnectionImpl c = new ConnectionImpl("test:///default", "test", BARE, false, "local", r -> { }, x -> { });
        c.close();
        assertFalse(c.isAlive());
        assertEquals(ErrorCode.INVALID_CONN, assertThrows(VirtException.class, c::hostname).code());

        ConnectionImpl d = new ConnectionImpl("test:///default", "test", BARE, false, "local", r -> { }, x -> { });
        d.invalidate();
        VirtException e = assertThrows(VirtException.class, () -> d.role(DomainDefinitions.class, "virX"));
        assertEquals(ErrorCode.NO_CONNECT, e.code());
        assertEquals("no connection driver available for test:///default",
                e.getMessage());
    }
}
