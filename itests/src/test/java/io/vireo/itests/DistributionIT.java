package io.vireo.itests;

import io.vireo.api.Connection;
import io.vireo.api.ConnectionFactory;
import io.vireo.api.Domain;
import io.vireo.api.ErrorCode;
import io.vireo.api.VirtException;
import io.vireo.api.event.EventTopics;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import javax.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** The distribution boots with Vireo's features, and its API, events and console commands work in it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionIT extends VireoTestSupport {

    @Inject
    private ConnectionFactory connections;

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Test
    public void everyVireoComponentIsActive() {
        List<String> inactive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (!b.getSymbolicName().startsWith("io.vireo")) {
                continue;
            }
            assertEquals(b.getSymbolicName() + " is active", Bundle.ACTIVE, b.getState());
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                        inactive.add(d.name + " state " + c.state);
                    }
                }
            }
        }
        assertEquals(Collections.emptyList(), inactive);
    }

    @Test
    public void consoleListsTheTestDriversDefaultDomain() {
        Result r = execute("virt:list --all");
        assertNull(r.errorText(), r.error());
        assertEquals(" Id   Name   State\n----------------------\n 1    test   running\n\n", r.output());
    }

    @Test
    public void consoleErrorsAreVirshStyleNotStackTraces() {
        Result r = execute("virt:dominfo nosuch");
        assertNotNull(r.error());
        assertEquals("error: failed to get domain 'nosuch'", r.errorText());
        r = execute("virt:list --connect nope:///x");
        assertEquals("error: failed to connect to the hypervisor\nerror: no connection driver available for nope:///x",
                r.errorText());
    }

    @Test
    public void apiCallsPostLibvirtNumberedEvents() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, EventTopics.DOMAIN + "*");
        ServiceRegistration<EventHandler> reg = context.registerService(EventHandler.class, events::add, props);
        try (Connection c = connections.open("test:///default")) {
            Domain d = c.defineDomain("<domain type='test'><name>it-events</name><memory>1024</memory>"
                    + "<os><type>hvm</type></os></domain>", 0);
            d.create(0);
            d.destroy(0);
            d.undefine(0);
            String[] expected = {"DEFINED/0", "STARTED/0", "STOPPED/1", "UNDEFINED/0"};
            for (String e : expected) {
                Event ev = events.poll(10, TimeUnit.SECONDS);
                assertNotNull("no event " + e, ev);
                assertEquals("it-events", ev.getProperty(EventTopics.PROP_NAME));
                assertEquals("test:///default", ev.getProperty(EventTopics.PROP_URI));
                assertEquals(e, ev.getTopic().substring(EventTopics.DOMAIN.length()) + "/" + ev.getProperty(EventTopics.PROP_DETAIL));
            }
        } finally {
            reg.unregister();
        }
    }

    @Test
    public void readOnlyConnectionsRefuseChanges() {
        try (Connection c = connections.open("test:///default", true)) {
            assertEquals(1, c.lookupDomainByName("test").id());
            try {
                c.lookupDomainByName("test").suspend();
                throw new AssertionError("suspend on a read-only connection succeeded");
            } catch (VirtException e) {
                assertEquals(ErrorCode.OPERATION_DENIED, e.code());
                assertTrue(e.getMessage(), e.getMessage().contains("read only access prevents virDomainSuspend"));
            }
        }
    }
}
