package io.vireo.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.util.regex.Pattern;

/**
 * The one naming scheme of Vireo's MBeans, all in the domain {@value #DOMAIN}:
 * <pre>
 * io.vireo:type=Daemon
 * io.vireo:type=Host,driver=test
 * io.vireo:type=Domain,driver=test,name=vm1
 * io.vireo:type=Network,driver=test,name=default
 * io.vireo:type=StoragePool,driver=test,name=default-pool
 * io.vireo:type=StorageVolume,driver=test,pool=default-pool,name=disk1.img
 * </pre>
 * {@code driver} is the URI scheme of the driver whose default URI ({@code vireo.driver.uri}) holds the
 * object. A name that is not a plain word is quoted with {@link ObjectName#quote}, e.g.
 * {@code name="my,vm"}. Karaf's JMX ACLs look these names up as {@code jmx.acl.io.vireo.<type>...}, so
 * {@code etc/jmx.acl.io.vireo.cfg} covers them all.
 */
public final class ObjectNames {
    public static final String DOMAIN = "io.vireo";
    /** Values that ObjectName takes unquoted and that read the same quoted or not. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.+@%/-]+");

    private ObjectNames() {
    }

    public static ObjectName daemon() {
        return name("type=Daemon");
    }

    public static ObjectName host(String driver) {
        return name("type=Host,driver=" + value(driver));
    }

    public static ObjectName domain(String driver, String name) {
        return object("Domain", driver, name);
    }

    public static ObjectName network(String driver, String name) {
        return object("Network", driver, name);
    }

    public static ObjectName storagePool(String driver, String name) {
        return object("StoragePool", driver, name);
    }

    public static ObjectName storageVolume(String driver, String pool, String name) {
        return name("type=StorageVolume,driver=" + value(driver) + ",pool=" + value(pool) + ",name=" + value(name));
    }

    private static ObjectName object(String type, String driver, String name) {
        return name("type=" + type + ",driver=" + value(driver) + ",name=" + value(name));
    }

    /** {@code text} as an ObjectName value: as is when plain, quoted otherwise. */
    static String value(String text) {
        return PLAIN.matcher(text).matches() ? text : ObjectName.quote(text);
    }

    private static ObjectName name(String keys) {
        try {
            return new ObjectName(DOMAIN + ":" + keys);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(keys, e);
        }
    }
}
