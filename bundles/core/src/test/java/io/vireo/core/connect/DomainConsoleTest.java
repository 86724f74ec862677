package io.vireo.core.connect;

import io.vireo.api.ConsoleStream;
import io.vireo.api.DomainFlags;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainConsoles;
import io.vireo.api.spi.DriverConnection;
import io.vireo.core.audit.AuditRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** virDomainOpenConsole through a connection: libvirt's checks in libvirt's order, then the driver, audited. */
class DomainConsoleTest {
    private static final UUID UUID_VM1 = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final String WHO = "alice";

    private final List<AuditRecord> audit = new ArrayList<>();

    /** A driver with consoles: records what it was asked and hands out one stream. */
    private static final class ConsoleDriver implements DriverConnection, DomainConsoles {
        final List<String> calls = new ArrayList<>();
        final ConsoleStream stream = new ConsoleStream() {
            @Override
            public InputStream input() {
                return new ByteArrayInputStream(new byte[0]);
            }

            @Override
            public OutputStream output() {
                return new ByteArrayOutputStream();
            }

            @Override
            public void close() {
            }
        };

        @Override
        public ErrorDomain errorDomain() {
            return ErrorDomain.TEST;
        }

        @Override
        public ConsoleStream openConsole(UUID uuid, String device, int flags) {
            calls.add(uuid + " " + device + " " + flags);
            return stream;
        }
    }

    private DomainHandle vm1(DriverConnection driver, boolean readOnly) {
        ConnectionImpl c = new ConnectionImpl("test:///default", "test", driver, readOnly, WHO, audit::add, x -> { });
        return new DomainHandle(c, "vm1", UUID_VM1, -1);
    }

    @Test
    void aDriverWithoutConsolesAnswersNoSupportNamingTheApi() {
        DriverConnection bare = () -> ErrorDomain.TEST;
        VirtException e = assertThrows(VirtException.class, () -> vm1(bare, false).openConsole(null, 0));
        assertEquals(ErrorCode.NO_SUPPORT, e.code());
        assertEquals("this function is not supported by the connection driver: virDomainOpenConsole", e.getMessage());
        assertEquals(List.of("user=alice api=virDomainOpenConsole uri=test:///default domain=vm1 uuid=" + UUID_VM1
                + " result=error code=NO_SUPPORT(3)"
                + " message=\"this function is not supported by the connection driver: virDomainOpenConsole\""),
                audit.stream().map(AuditRecord::line).toList());
    }

    @Test
    void readOnlyConnectionsAreRefusedBeforeTheDriverIsAsked() {
        ConsoleDriver driver = new ConsoleDriver();
        VirtException e = assertThrows(VirtException.class, () -> vm1(driver, true).openConsole("serial0", 0));
        assertEquals(ErrorCode.OPERATION_DENIED, e.code());
        assertEquals("operation forbidden: read only access prevents virDomainOpenConsole", e.getMessage());
        assertEquals(List.of(), driver.calls);
        assertEquals(1, audit.size());
        assertEquals("virDomainOpenConsole", audit.get(0).api());
    }

    @Test
    void readOnlyComesBeforeNoSupportAsInLibvirt() {
        DriverConnection bare = () -> ErrorDomain.TEST;
        VirtException e = assertThrows(VirtException.class, () -> vm1(bare, true).openConsole(null, 0));
        assertEquals(ErrorCode.OPERATION_DENIED, e.code());
    }

    @Test
    void theDriverGetsDomainDeviceAndFlagsAndItsStreamIsReturned() {
        ConsoleDriver driver = new ConsoleDriver();
        ConsoleStream s = vm1(driver, false).openConsole("serial0",
                DomainFlags.CONSOLE_FORCE | DomainFlags.CONSOLE_SAFE);
        assertSame(driver.stream, s);
        assertEquals(List.of(UUID_VM1 + " serial0 3"), driver.calls);
        assertEquals(List.of("user=alice api=virDomainOpenConsole uri=test:///default domain=vm1 uuid=" + UUID_VM1
                + " result=ok"), audit.stream().map(AuditRecord::line).toList());
    }

    @Test
    void libvirtFlagValues() {
        assertEquals(1, DomainFlags.CONSOLE_FORCE);
        assertEquals(2, DomainFlags.CONSOLE_SAFE);
    }
}
