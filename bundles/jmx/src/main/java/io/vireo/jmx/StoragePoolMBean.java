package io.vireo.jmx;

/** {@code io.vireo:type=StoragePool,driver=<scheme>,name=<name>}: one storage pool. */
public interface StoragePoolMBean {
    String getName();

    String getUuid();

    String getUri();

    /** The state as virsh prints it ("running", "inactive", ...). */
    String getState();

    boolean isActive();

    boolean isPersistent();

    boolean isAutostart();

    void setAutostart(boolean autostart);

    /** Bytes. */
    long getCapacity();

    long getAllocation();

    long getAvailable();

    /** virStoragePoolCreate. */
    void start();

    /** virStoragePoolDestroy. */
    void destroy();

    /** virStoragePoolBuild. */
    void build();

    /** virStoragePoolDelete. */
    void delete();

    /** virStoragePoolUndefine. */
    void undefine();

    /** virStoragePoolRefresh. */
    void refresh();

    /** virStoragePoolGetXMLDesc. */
    String getXMLDesc(int flags);
}
