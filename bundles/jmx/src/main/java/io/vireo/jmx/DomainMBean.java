package io.vireo.jmx;

/** {@code io.vireo:type=Domain,driver=<scheme>,name=<name>}: one domain, read live from its driver. */
public interface DomainMBean {
    String getName();

    String getUuid();

    String getUri();

    /** The running domain's id, -1 when inactive. */
    int getId();

    /** The state as virsh prints it ("running", "shut off", "paused", ...). */
    String getState();

    /** libvirt's reason number for the state. */
    int getStateReason();

    boolean isActive();

    boolean isPersistent();

    boolean isAutostart();

    void setAutostart(boolean autostart);

    int getVcpus();

    long getMemoryKiB();

    long getMaxMemoryKiB();

    long getCpuTimeNanos();

    /** virDomainCreate. */
    void start();

    /** virDomainShutdown. */
    void shutdown();

    /** virDomainDestroy. */
    void destroy();

    /** virDomainReboot. */
    void reboot();

    /** virDomainSuspend. */
    void suspend();

    /** virDomainResume. */
    void resume();

    /** virDomainUndefine. */
    void undefine();

    /** virDomainGetXMLDesc with libvirt's flags (2 = inactive definition). */
    String getXMLDesc(int flags);
}
