package io.vireo.itests;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedAction;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

/**
 * The management surfaces as their users meet them: a JMX client over Karaf's RMI connector with
 * Karaf's JAAS login and ACLs (admin operates, viewer only reads), lifecycle notifications, and the audit
 * log naming who changed what through JMX and through the console.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ManagementIT extends VireoTestSupport {
    private static final ObjectName DAEMON = name("io.vireo:type=Daemon");
    private static final ObjectName HOST = name("io.vireo:type=Host,driver=test");
    private static final ObjectName TEST_DOMAIN = name("io.vireo:type=Domain,driver=test,name=test");

    @Inject
    private ConfigurationAdmin configAdmin;

    @org.ops4j.pax.exam.Configuration
    @Override
    public Option[] config() {
        Option[] base = super.config();
        Option[] all = Arrays.copyOf(base, base.length + 1);
        // A read-only operator for the ACL test (etc/users.properties ships only the admin).
        all[base.length] = editConfigurationFilePut("etc/users.properties", "viewer", "viewer,_g_:viewergroup");
        return all;
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static String domainXml(String name) {
        return "<domain type='test'><name>" + name + "</name><memory unit='MiB'>128</memory><vcpu>2</vcpu>"
                + "<os><type>hvm</type></os></domain>";
    }

    /** Karaf's RMI connector URL, on the ports this run was given. */
    private JMXServiceURL url() throws Exception {
        Configuration c = configAdmin.getConfiguration("org.apache.karaf.management", null);
        Object registry = c.getProperties().get("rmiRegistryPort");
        Object server = c.getProperties().get("rmiServerPort");
        return new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + server + "/jndi/rmi://127.0.0.1:" + registry
                + "/karaf-" + System.getProperty("karaf.name", "root"));
    }

    private JMXConnector connect(String user, String password) throws Exception {
        JMXServiceURL url = url();
        return Eventually.within(60, "JMX login as " + user, () -> JMXConnectorFactory.connect(url,
                Map.of(JMXConnector.CREDENTIALS, new String[] {user, password})));
    }

    private static void await(MBeanServerConnection jmx, ObjectName name, boolean present) throws Exception {
        Eventually.within(20, name + (present ? " registered" : " unregistered"),
                () -> jmx.isRegistered(name) == present);
    }

    @Test
    public void mbeansShowTheHostAndItsObjectsAndOperateForAdmins() throws Exception {
        try (JMXConnector connector = connect("karaf", "karaf")) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            await(jmx, TEST_DOMAIN, true);

            // The boot features bring the test driver and the remote client (scheme "remote").
            assertArrayEquals(new String[] {"kvm", "qemu", "remote", "test"}, (String[]) jmx.getAttribute(DAEMON, "Drivers"));
            assertEquals("test:///default", jmx.getAttribute(DAEMON, "DefaultUri"));
            assertTrue((Integer) jmx.getAttribute(DAEMON, "OpenConnections") >= 1);
            assertEquals(16, jmx.getAttribute(HOST, "Cpus"));
            assertEquals("i686", jmx.getAttribute(HOST, "CpuModel"));
            assertEquals(3145728L, jmx.getAttribute(HOST, "MemoryKiB"));

            assertEquals("running", jmx.getAttribute(TEST_DOMAIN, "State"));
            assertEquals(1, jmx.getAttribute(TEST_DOMAIN, "Id"));
            assertEquals("6695eb01-f6a4-8304-79aa-97f2502e193f", jmx.getAttribute(TEST_DOMAIN, "Uuid"));
            assertEquals(2, jmx.getAttribute(TEST_DOMAIN, "Vcpus"));
            assertEquals(2097152L, jmx.getAttribute(TEST_DOMAIN, "MemoryKiB"));
            assertEquals(8388608L, jmx.getAttribute(TEST_DOMAIN, "MaxMemoryKiB"));
            assertTrue((Long) jmx.getAttribute(TEST_DOMAIN, "CpuTimeNanos") > 0);
            assertEquals(true, jmx.getAttribute(TEST_DOMAIN, "Persistent"));
            assertEquals(false, jmx.getAttribute(TEST_DOMAIN, "Autostart"));
            assertTrue(jmx.isRegistered(name("io.vireo:type=Network,driver=test,name=default")));
            assertTrue(jmx.isRegistered(name("io.vireo:type=StoragePool,driver=test,name=default-pool")));

            BlockingQueue<Notification> heard = new LinkedBlockingQueue<>();
            NotificationListener listener = (n, handback) -> heard.add(n);
            jmx.addNotificationListener(HOST, listener, null, null);

            String defined = (String) jmx.invoke(HOST, "defineDomain", new Object[] {domainXml("jmx-vm")},
                    new String[] {String.class.getName()});
            assertEquals("jmx-vm", defined);
            ObjectName vm = name("io.vireo:type=Domain,driver=test,name=jmx-vm");
            await(jmx, vm, true);
            assertEquals("shut off", jmx.getAttribute(vm, "State"));
            assertTrue(((String) jmx.invoke(vm, "getXMLDesc", new Object[] {0}, new String[] {"int"}))
                    .contains("<name>jmx-vm</name>"));
            jmx.invoke(vm, "start", null, null);
            assertEquals("running", jmx.getAttribute(vm, "State"));
            jmx.setAttribute(vm, new Attribute("Autostart", true));
            assertEquals(true, jmx.getAttribute(vm, "Autostart"));
            jmx.invoke(vm, "suspend", null, null);
            assertEquals("paused", jmx.getAttribute(vm, "State"));

            Notification definedN = poll(heard, "io.vireo.domain.defined");
            assertEquals("event 'lifecycle' for domain 'jmx-vm': Defined Added", definedN.getMessage());
            Notification started = poll(heard, "io.vireo.domain.started");
            CompositeData data = (CompositeData) started.getUserData();
            assertEquals("test:///default", data.get("uri"));
            assertEquals("jmx-vm", data.get("name"));
            assertEquals(jmx.getAttribute(vm, "Uuid"), data.get("uuid"));
            assertEquals(2, data.get("event"));
            assertEquals(0, data.get("detail"));
            assertEquals(started.getTimeStamp(), data.get("timestamp"));
            assertEquals("event 'lifecycle' for domain 'jmx-vm': Suspended Paused",
                    poll(heard, "io.vireo.domain.suspended").getMessage());

            try {
                jmx.invoke(vm, "suspend", null, null);
                fail("suspending a paused domain succeeded");
            } catch (RuntimeMBeanException e) {
                assertEquals(IllegalStateException.class, e.getTargetException().getClass());
                assertEquals("internal error: domain 'jmx-vm' not running", e.getTargetException().getMessage());
            }

            jmx.invoke(vm, "destroy", null, null);
            jmx.invoke(vm, "undefine", null, null);
            await(jmx, vm, false);
            assertEquals("event 'lifecycle' for domain 'jmx-vm': Undefined Removed",
                    poll(heard, "io.vireo.domain.undefined").getMessage());

            // A name ObjectName cannot take bare is quoted.
            jmx.invoke(HOST, "defineDomain", new Object[] {domainXml("odd, name=1")}, new String[] {String.class.getName()});
            ObjectName odd = name("io.vireo:type=Domain,driver=test,name=" + ObjectName.quote("odd, name=1"));
            await(jmx, odd, true);
            assertEquals("odd, name=1", jmx.getAttribute(odd, "Name"));
            jmx.invoke(odd, "undefine", null, null);
            await(jmx, odd, false);
            jmx.removeNotificationListener(HOST, listener);
        }
        assertAudit(l -> l.matches(
                ".*\\| INFO  \\| user=karaf@jmx\\(127\\.0\\.0\\.1\\) api=virDomainCreateWithFlags uri=test:///default"
                        + " domain=jmx-vm uuid=[0-9a-f-]{36} result=ok"));
        assertAudit(l -> l.matches(
                ".*\\| WARN  \\| user=karaf@jmx\\(127\\.0\\.0\\.1\\) api=virDomainSuspend uri=test:///default"
                        + " domain=jmx-vm uuid=[0-9a-f-]{36} result=error code=INTERNAL_ERROR\\(1\\)"
                        + " message=\"internal error: domain 'jmx-vm' not running\""));
        assertAudit(l -> l.contains(
                "user=karaf@jmx(127.0.0.1) api=virDomainDefineXML uri=test:///default domain=\"odd, name=1\""));
    }

    private static Notification poll(BlockingQueue<Notification> heard, String type) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Notification n = heard.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            if (n != null && n.getType().equals(type)) {
                return n;
            }
        }
        throw new AssertionError("no notification " + type);
    }

    @Test
    public void aViewerReadsButIsRefusedEveryOperation() throws Exception {
        try (JMXConnector connector = connect("viewer", "viewer")) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            await(jmx, TEST_DOMAIN, true);
            assertEquals("test", jmx.getAttribute(TEST_DOMAIN, "Name"));
            assertNotNull(jmx.getAttribute(TEST_DOMAIN, "State"));
            assertTrue(((String) jmx.invoke(TEST_DOMAIN, "getXMLDesc", new Object[] {0}, new String[] {"int"}))
                    .contains("<name>test</name>"));
            assertEquals(16, jmx.getAttribute(HOST, "Cpus"));

            refused(() -> jmx.invoke(TEST_DOMAIN, "suspend", null, null));
            refused(() -> jmx.invoke(TEST_DOMAIN, "destroy", null, null));
            refused(() -> jmx.setAttribute(TEST_DOMAIN, new Attribute("Autostart", true)));
            refused(() -> jmx.invoke(HOST, "defineDomain", new Object[] {domainXml("viewer-vm")},
                    new String[] {String.class.getName()}));
            assertEquals("running", jmx.getAttribute(TEST_DOMAIN, "State"));
            assertFalse(jmx.isRegistered(name("io.vireo:type=Domain,driver=test,name=viewer-vm")));
        }
        assertTrue("refused calls never reach Vireo", auditLines().stream().noneMatch(l -> l.contains("viewer")));
    }

    private interface JmxCall {
        void run() throws Exception;
    }

    private static void refused(JmxCall call) throws Exception {
        try {
            call.run();
            fail("a viewer was allowed to operate");
        } catch (SecurityException e) {
            assertEquals("Insufficient roles/credentials for operation", e.getMessage());
        }
    }

    @Test
    public void consoleChangesAreAuditedWithTheLoggedInUser() throws Exception {
        Subject karaf = login("karaf", "karaf");
        Result r = as(karaf, "virt:suspend test");
        assertNull(r.errorText(), r.error());
        r = as(karaf, "virt:suspend test");
        assertNotNull("suspending twice fails", r.error());
        r = as(karaf, "virt:resume test");
        assertNull(r.errorText(), r.error());
        r = as(karaf, "virt:destroy test --readonly");
        assertNotNull(r.error());

        String test = " uri=test:///default domain=test uuid=6695eb01-f6a4-8304-79aa-97f2502e193f ";
        assertAudit(l -> l.endsWith(
                "| INFO  | user=karaf api=virDomainSuspend" + test + "result=ok"));
        assertAudit(l -> l.contains(
                "| WARN  | user=karaf api=virDomainSuspend" + test + "result=error code="));
        assertAudit(l -> l.endsWith(
                "| INFO  | user=karaf api=virDomainResume" + test + "result=ok"));
        assertAudit(l -> l.endsWith(
                "| WARN  | user=karaf api=virDomainDestroyFlags" + test + "result=error code=OPERATION_DENIED(29)"
                        + " message=\"operation forbidden: read only access prevents virDomainDestroyFlags\""));
    }

    /** Logs in to Karaf's JAAS realm, as SSH, bin/client and the local console do. */
    private static Subject login(String user, String password) throws Exception {
        LoginContext login = new LoginContext("karaf", callbacks -> {
            for (javax.security.auth.callback.Callback cb : callbacks) {
                if (cb instanceof NameCallback n) {
                    n.setName(user);
                } else if (cb instanceof PasswordCallback p) {
                    p.setPassword(password.toCharArray());
                }
            }
        });
        login.login();
        return login.getSubject();
    }

    /** Runs a console command as {@code subject}, the way Karaf runs a logged-in user's session. */
    @SuppressWarnings("removal")
    private Result as(Subject subject, String command) {
        return Subject.doAs(subject, (PrivilegedAction<Result>) () -> execute(command));
    }

    private static List<String> auditLines() throws Exception {
        Path file = Path.of(System.getProperty("karaf.data"), "log", "vireo-audit.log");
        Eventually.within(10, file + " written", () -> Files.exists(file));
        return Files.readAllLines(file);
    }

    /** Waits up to 10 s for a line of the audit log that {@code line} accepts (one writer thread writes it). */
    private static void assertAudit(java.util.function.Predicate<String> line) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        List<String> audit = auditLines();
        while (audit.stream().noneMatch(line) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            audit = auditLines();
        }
        assertTrue(String.join("\n", audit), audit.stream().anyMatch(line));
    }
}
