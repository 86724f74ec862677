package io.vireo.itests;

import io.vireo.api.Connection;
import io.vireo.api.ConnectionFactory;
import io.vireo.api.Domain;
import io.vireo.api.ErrorCode;
import io.vireo.api.VirtException;
import io.vireo.api.spi.HypervisorDriver;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;

import javax.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

/**
 * A third-party driver bundle (drivers/hypervisor-mock, in no boot feature) dropped into deploy/ serves
 * its scheme within seconds, keeps its definitions through the core, and when removed, updated or
 * restarted leaves no connection pointing at a departed driver and no definition lost.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT extends VireoTestSupport {
    private static final String URI = "mock:///default";
    private static final String BSN = "io.vireo.driver.mock";

    @Inject
    private ConnectionFactory connections;

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @org.ops4j.pax.exam.Configuration
    @Override
    public Option[] config() {
        Option[] base = super.config();
        Option[] all = Arrays.copyOf(base, base.length + 1);
        all[base.length] = systemProperty("vireo.mock.jar").value(System.getProperty("vireo.mock.jar"));
        return all;
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("vireo.mock.jar"));
        assertTrue("build drivers/hypervisor-mock first: " + jar, Files.isRegularFile(jar));
        return jar;
    }

    private static Path deployed() {
        return Path.of(System.getProperty("karaf.base"), "deploy", "io.vireo.driver.mock.jar");
    }

    private static Path definition(String name) {
        return Path.of(System.getProperty("karaf.base"), "vireo", "config", "mock", name + ".xml");
    }

    private static String domainXml(String name) {
        return "<domain type='test'><name>" + name + "</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                + "<os><type>hvm</type></os></domain>";
    }

    /** Drops the jar into deploy/ and returns the milliseconds until mock:///default answers. */
    private long deploy() throws Exception {
        long start = System.nanoTime();
        Files.copy(jar(), deployed(), StandardCopyOption.REPLACE_EXISTING);
        Eventually.within(30, URI + " served after dropping the jar", () -> {
            try (Connection c = connections.open(URI)) {
                return c.listAllDomains(0) != null;
            }
        });
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void undeploy() throws Exception {
        Files.deleteIfExists(deployed());
        Eventually.within(30, "the mock bundle uninstalled", () -> bundle() == null);
    }

    @After
    public void removeJar() throws Exception {
        if (Files.exists(deployed())) {
            undeploy();
        }
    }

    private Bundle bundle() {
        return Arrays.stream(context.getBundles()).filter(b -> BSN.equals(b.getSymbolicName())).findFirst().orElse(null);
    }

    private static VirtException failure(Runnable call) {
        try {
            call.run();
        } catch (VirtException e) {
            return e;
        }
        throw new AssertionError("expected a VirtException");
    }

    @Test
    public void droppedJarServesItsSchemeAndRemovingItWithdrawsItKeepingDefinitions() throws Exception {
        assertNull("the mock driver is in no boot feature", bundle());
        assertEquals(ErrorCode.NO_CONNECT, failure(() -> connections.open(URI)).code());

        long millis = deploy();
        System.out.println("deploy/ drop -> " + URI + " answering: " + millis + " ms");
        assertTrue("took " + millis + " ms", millis < 15_000);

        Connection held = connections.open(URI);
        Domain vm = held.defineDomain(domainXml("hd-vm"), 0);
        vm.create(0);
        assertTrue(Files.readString(definition("hd-vm")).contains("<name>hd-vm</name>"));
        String onDisk = Files.readString(definition("hd-vm"));

        undeploy();
        VirtException existing = failure(() -> held.lookupDomainByName("hd-vm"));
        assertEquals(ErrorCode.NO_CONNECT, existing.code());
        assertEquals("no connection driver available for mock:///default", existing.getMessage());
        assertFalse(held.isAlive());
        VirtException fresh = failure(() -> connections.open(URI));
        assertEquals(ErrorCode.NO_CONNECT, fresh.code());
        assertEquals("no connection driver available for mock:///default", fresh.getMessage());
        assertEquals("the definition on disk is untouched", onDisk, Files.readString(definition("hd-vm")));

        System.out.println("redeploy -> " + URI + " answering: " + deploy() + " ms");
        try (Connection c = connections.open(URI)) {
            Domain back = c.lookupDomainByName("hd-vm");
            assertEquals(vm.uuid(), back.uuid());
            assertEquals(-1, back.id());
            back.undefine(0);
        }
        assertFalse(Files.exists(definition("hd-vm")));
    }

    @Test
    public void updatingOrRestartingTheDriverBundleLosesNoDefinitionAndLeavesNoStaleReference() throws Exception {
        deploy();
        try (Connection c = connections.open(URI)) {
            c.defineDomain(domainXml("hd-keep"), 0);
        }
        long firstService = mockServiceId();

        for (String how : List.of("update", "restart")) {
            Connection before = connections.open(URI);
            Bundle b = bundle();
            if (how.equals("update")) {
                b.update();
            } else {
                b.stop();
                assertEquals(ErrorCode.NO_CONNECT, failure(() -> connections.open(URI)).code());
                b.start();
            }
            long service = Eventually.within(30, "the mock driver back after bundle " + how, this::mockServiceId);
            assertTrue(how + " registered a new driver service", service != firstService);
            firstService = service;

            assertEquals(how + ": the old connection is dead", ErrorCode.NO_CONNECT,
                    failure(() -> before.lookupDomainByName("hd-keep")).code());
            try (Connection after = connections.open(URI)) {
                assertEquals(how + ": definition kept", "hd-keep", after.lookupDomainByName("hd-keep").name());
            }
            assertEquals(how + ": the core is bound to the current driver service only",
                    List.of(service), boundMockServices("io.vireo.core.registry.DriverRegistry"));
            assertEquals(how + ": JMX is bound to the current driver service only",
                    List.of(service), boundMockServices("io.vireo.jmx.VireoJmx"));
        }
        try (Connection c = connections.open(URI)) {
            c.lookupDomainByName("hd-keep").undefine(0);
        }
    }

    /** The service id of the registered mock driver, or null. */
    private Long mockServiceId() throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences(HypervisorDriver.class.getName(),
                "(" + HypervisorDriver.SCHEME + "=mock)");
        return refs == null ? null : (Long) refs[0].getProperty(Constants.SERVICE_ID);
    }

    /** The mock driver services bound to {@code component}'s HypervisorDriver reference, by SCR's account. */
    private List<Long> boundMockServices(String component) throws Exception {
        Long mock = mockServiceId();
        List<Long> bound = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                if (!d.name.equals(component)) {
                    continue;
                }
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    for (SatisfiedReferenceDTO r : c.satisfiedReferences) {
                        Stream.of(r.boundServices)
                                .filter(s -> "mock".equals(s.properties.get(HypervisorDriver.SCHEME)))
                                .forEach(s -> bound.add(s.id));
                    }
                }
            }
        }
        assertTrue("mock service " + mock + " present", mock != null);
        return bound;
    }
}
