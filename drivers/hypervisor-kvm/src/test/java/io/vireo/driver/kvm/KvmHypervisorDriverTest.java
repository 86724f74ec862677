package io.vireo.driver.kvm;

import io.vireo.api.ConnectUri;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DefinitionStore;
import io.vireo.api.spi.DomainCapabilities;
import io.vireo.api.spi.DomainConsoles;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DomainLifecycle;
import io.vireo.api.spi.DomainSnapshots;
import io.vireo.api.spi.DomainTuning;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.DriverContext;
import io.vireo.api.spi.EventSink;
import io.vireo.api.spi.HostInfo;
import io.vireo.api.spi.Networks;
import io.vireo.core.store.FileDefinitionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KvmHypervisorDriverTest {
    @TempDir
    Path dir;

    static KvmDriverConfig config(String command, String javaOptions, int timeout) {
        return config(command, javaOptions, timeout, "");
    }

    static KvmDriverConfig config(String command, String javaOptions, int timeout, String netns) {
        return new KvmDriverConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return KvmDriverConfig.class;
            }

            @Override
            public String vmm__command() {
                return command;
            }

            @Override
            public String vmm__java__options() {
                return javaOptions;
            }

            @Override
            public int start__timeout() {
                return timeout;
            }

            @Override
            public String default__netns() {
                return netns;
            }
        };
    }

    private DriverContext context(EventSink events) {
        DefinitionStore store = new FileDefinitionStore(dir.resolve("config"));
        return new DriverContext() {
            @Override
            public String uri() {
                return "kvm:///system";
            }

            @Override
            public EventSink events() {
                return events;
            }

            @Override
            public DefinitionStore definitions() {
                return store;
            }

            @Override
            public Path runDirectory() {
                return dir.resolve("run");
            }
        };
    }

    private KvmHypervisorDriver driver() {
        KvmHypervisorDriver d = new KvmHypervisorDriver(Map.of("karaf.home", "/opt/vireo")::get);
        d.activate(config("${karaf.home}/bin/vireo-vmm", "", 120));
        return d;
    }

    @Test
    void systemServesEveryDomainRoleFromOneSharedTable() {
        KvmHypervisorDriver d = driver();
        Harness h = new Harness(dir.resolve("config"), dir.resolve("run"), List.of("x"), Duration.ofSeconds(1));
        DriverConnection a = d.open(ConnectUri.parse("kvm:///system"), context(h.sink));
        DriverConnection b = d.open(ConnectUri.parse("kvm:///system"), context(h.sink));
        assertEquals(ErrorDomain.QEMU, a.errorDomain());
        for (Class<?> role : List.of(HostInfo.class, DomainDefinitions.class, DomainLifecycle.class, DomainTuning.class,
                DomainConsoles.class)) {
            assertNotNull(a.role(role), role.getSimpleName());
        }
        for (Class<?> role : List.of(DomainSnapshots.class, Networks.class, DomainCapabilities.class)) {
            assertNull(a.role(role), role.getSimpleName());
        }
        assertSame(a.role(DomainDefinitions.class), b.role(DomainDefinitions.class));
        assertTrue(a.role(HostInfo.class).capabilities().contains("<emulator>/opt/vireo/bin/vireo-vmm</emulator>"));
        d.deactivate();
        VirtException gone = assertThrows(VirtException.class,
                () -> d.open(ConnectUri.parse("kvm:///system"), context(h.sink)));
        assertEquals(ErrorCode.NO_CONNECT, gone.code());
    }

    @Test
    void sessionAndOtherPathsAreNotServed() {
        KvmHypervisorDriver d = driver();
        Harness h = new Harness(dir.resolve("config"), dir.resolve("run"), List.of("x"), Duration.ofSeconds(1));
        VirtException session = assertThrows(VirtException.class,
                () -> d.open(ConnectUri.parse("kvm:///session"), context(h.sink)));
        assertEquals(ErrorCode.NO_CONNECT, session.code());
        assertEquals("no connection driver available for kvm:///session (the kvm driver has no per-user session "
                + "daemon: guests run under kvm:///system)", session.getMessage());
        VirtException other = assertThrows(VirtException.class,
                () -> d.open(ConnectUri.parse("kvm:///default"), context(h.sink)));
        assertEquals(ErrorCode.NO_CONNECT, other.code());
        assertTrue(other.getMessage().contains("unexpected KVM URI path '/default', try kvm:///system"),
                other.getMessage());
        assertThrows(VirtException.class, () -> d.open(ConnectUri.parse("kvm://"), context(h.sink)));
    }

    @Test
    void theVmmCommandExpandsPropertiesAndSplitsIntoWords() {
        KvmHypervisorDriver d = new KvmHypervisorDriver(Map.of("karaf.home", "/opt/vireo", "java.home", "/jdk")::get);
        KvmBackend.Settings s = d.settings(config("${java.home}/bin/java  -cp /a.jar:/b.jar io.vireo.kvm.vmm.Main",
                " -Xmx96m ", 30));
        assertEquals(List.of("/jdk/bin/java", "-cp", "/a.jar:/b.jar", "io.vireo.kvm.vmm.Main"), s.launcher());
        assertEquals("-Xmx96m", s.javaOptions());
        assertEquals(Duration.ofSeconds(30), s.startTimeout());
        assertEquals("/opt/vireo/bin/vireo-vmm", d.settings(config("${karaf.home}/bin/vireo-vmm", "", 1)).emulator());
        assertEquals("/bin/vireo-vmm", d.expand("${unset.property}/bin/vireo-vmm"));
        assertThrows(IllegalArgumentException.class, () -> d.settings(config("  ", "", 1)));
    }

    @Test
    void theDefaultNetworkNamespaceIsANameUnderRunNetnsOrNone() {
        KvmHypervisorDriver d = new KvmHypervisorDriver(Map.of("karaf.home", "/opt/vireo")::get);
        assertEquals(null, d.settings(config("vmm", "", 1)).defaultNetns(), "empty: the daemon's namespace");
        assertEquals("guests", d.settings(config("vmm", "", 1, " guests ")).defaultNetns());
        for (String bad : List.of("../etc", "..", "a/b", "x".repeat(256))) {
            assertThrows(IllegalArgumentException.class, () -> d.settings(config("vmm", "", 1, bad)), bad);
        }
    }

    @Test
    void aNewConfigurationAppliesToTheNextStart() {
        KvmHypervisorDriver d = driver();
        Harness h = new Harness(dir.resolve("config"), dir.resolve("run"), List.of("x"), Duration.ofSeconds(1));
        HostInfo host = d.open(ConnectUri.parse("kvm:///system"), context(h.sink)).role(HostInfo.class);
        d.modified(config("/usr/local/bin/vmm", "", 5));
        assertTrue(host.capabilities().contains("<emulator>/usr/local/bin/vmm</emulator>"), host.capabilities());
    }
}
