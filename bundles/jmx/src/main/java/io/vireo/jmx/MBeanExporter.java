package io.vireo.jmx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.StandardEmitterMBean;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Puts MBeans into the MBean server Karaf serves over its RMI connector (the platform one, which Karaf's
 * MBeanServerBuilder wraps with its JAAS/ACL guard, so every MBean here is behind the login and the ACLs).
 * They are registered with the MBean server directly rather than as OSGi services for Karaf's JMX
 * whiteboard: a domain is an MBean, and with a thousand domains every service (un)registration made the
 * framework and the JMX framework MBeans walk every service listener, which cost more CPU than the define
 * itself. Every MBean can emit notifications.
 */
final class MBeanExporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MBeanExporter.class);

    private final MBeanServer server;
    private final Map<ObjectName, StandardEmitterMBean> exported = new ConcurrentHashMap<>();

    MBeanExporter(MBeanServer server) {
        this.server = server;
    }

    /** Exports {@code bean} as {@code name} unless something already is. */
    <T> void export(ObjectName name, T bean, Class<T> type, MBeanNotificationInfo[] notifications) {
        exported.computeIfAbsent(name, n -> {
            StandardEmitterMBean mbean = new StandardEmitterMBean(bean, type,
                    new NotificationBroadcasterSupport(notifications));
            try {
                if (server.isRegistered(n)) { // left by an earlier instance of this bundle that did not close
                    server.unregisterMBean(n);
                }
                server.registerMBean(mbean, n);
            } catch (JMException e) {
                LOG.warn("Cannot register the MBean {}: {}", n, e.toString());
            }
            return mbean;
        });
    }

    boolean isExported(ObjectName name) {
        return exported.containsKey(name);
    }

    void unexport(ObjectName name) {
        if (exported.remove(name) != null) {
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException alreadyGone) {
                // unregistered by someone else meanwhile
            } catch (JMException e) {
                LOG.warn("Cannot unregister the MBean {}: {}", name, e.toString());
            }
        }
    }

    void unexportAll(Predicate<ObjectName> which) {
        List.copyOf(exported.keySet()).stream().filter(which).forEach(this::unexport);
    }

    /** Sends the notification {@code make} builds (given the source name) from the MBean {@code name}, if exported. */
    void notify(ObjectName name, Function<ObjectName, Notification> make) {
        StandardEmitterMBean mbean = exported.get(name);
        if (mbean != null) {
            mbean.sendNotification(make.apply(name));
        }
    }

    @Override
    public void close() {
        unexportAll(n -> true);
    }
}
