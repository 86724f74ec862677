package io.vireo.jmx;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import javax.management.DynamicMBean;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.StandardEmitterMBean;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Puts MBeans into the platform MBean server through Karaf's JMX whiteboard: each is an OSGi service
 * with the property {@value #OBJECT_NAME}, so it appears and disappears with its registration and, with
 * it, behind Karaf's RMI connector, JAAS login and ACLs. Every MBean can emit notifications.
 */
final class MBeanExporter implements AutoCloseable {
    static final String OBJECT_NAME = "jmx.objectname";

    private record Exported(ServiceRegistration<DynamicMBean> registration, StandardEmitterMBean mbean) {
    }

    private final BundleContext context;
    private final Map<ObjectName, Exported> exported = new ConcurrentHashMap<>();

    MBeanExporter(BundleContext context) {
        this.context = context;
    }

    /** Exports {@code bean} as {@code name} unless something already is. */
    <T> void export(ObjectName name, T bean, Class<T> type, MBeanNotificationInfo[] notifications) {
        exported.computeIfAbsent(name, n -> {
            StandardEmitterMBean mbean = new StandardEmitterMBean(bean, type,
                    new NotificationBroadcasterSupport(notifications));
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(OBJECT_NAME, n.toString());
            return new Exported(context.registerService(DynamicMBean.class, mbean, props), mbean);
        });
    }

    boolean isExported(ObjectName name) {
        return exported.containsKey(name);
    }

    void unexport(ObjectName name) {
        Exported e = exported.remove(name);
        if (e != null) {
            try {
                e.registration().unregister();
            } catch (IllegalStateException alreadyGone) {
                // The bundle is stopping and the framework has unregistered it already.
            }
        }
    }

    void unexportAll(Predicate<ObjectName> which) {
        List.copyOf(exported.keySet()).stream().filter(which).forEach(this::unexport);
    }

    /** Sends the notification {@code make} builds (given the source name) from the MBean {@code name}, if exported. */
    void notify(ObjectName name, Function<ObjectName, Notification> make) {
        Exported e = exported.get(name);
        if (e != null) {
            e.mbean().sendNotification(make.apply(name));
        }
    }

    @Override
    public void close() {
        unexportAll(n -> true);
    }
}
