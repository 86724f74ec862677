package io.vireo.jmx;

/** {@code io.vireo:type=Daemon}: the Vireo daemon as a whole. */
public interface DaemonMBean {
    /** The URI used when a caller names none. */
    String getDefaultUri();

    /** URI schemes of the hypervisor drivers present now, sorted. */
    String[] getDrivers();

    /** Connections open now, from every surface (console, JMX, remote). */
    int getOpenConnections();
}
