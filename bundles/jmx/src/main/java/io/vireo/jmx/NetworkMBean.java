package io.vireo.jmx;

/** {@code io.vireo:type=Network,driver=<scheme>,name=<name>}: one virtual network. */
public interface NetworkMBean {
    String getName();

    String getUuid();

    String getUri();

    boolean isActive();

    boolean isPersistent();

    boolean isAutostart();

    void setAutostart(boolean autostart);

    String getBridgeName();

    /** virNetworkCreate. */
    void start();

    /** virNetworkDestroy. */
    void destroy();

    /** virNetworkUndefine. */
    void undefine();

    /** virNetworkGetXMLDesc. */
    String getXMLDesc(int flags);
}
