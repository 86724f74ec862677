package io.vireo.jmx;

/** {@code io.vireo:type=StorageVolume,driver=<scheme>,pool=<pool>,name=<name>}: one volume. */
public interface StorageVolumeMBean {
    String getName();

    String getPool();

    String getKey();

    String getPath();

    String getUri();

    /** "file", "block", ... as virsh prints it. */
    String getType();

    /** Bytes. */
    long getCapacity();

    long getAllocation();

    /** virStorageVolDelete. */
    void delete();

    /** virStorageVolGetXMLDesc. */
    String getXMLDesc(int flags);
}
