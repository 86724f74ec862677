package io.vireo.xml.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A storage pool definition ({@code <pool>}); sizes in bytes. */
public class StoragePoolDef {
    private String type = "dir"; // dir, fs, netfs, logical, disk, iscsi, iscsi-direct, scsi, mpath, rbd, sheepdog, gluster, zfs, vstorage
    private String name;
    private UUID uuid;
    private long capacity;
    private long allocation;
    private long available;
    private List<String> sourceHosts = new ArrayList<>(); // host names; ports kept in sourceHostPorts
    private List<String> sourceHostPorts = new ArrayList<>();
    private List<String> sourceDevices = new ArrayList<>(); // device paths
    private String sourceDir;
    private String sourceName;
    private String sourceFormat;
    private List<String> sourceExtraXml = new ArrayList<>(); // adapter, auth, initiator, vendor, product, verbatim
    private String targetPath;
    private PermissionsDef targetPermissions;
    private List<String> extraXml = new ArrayList<>();

    public StoragePoolDef() {
    }

    /** One of: dir, fs, netfs, logical, disk, iscsi, iscsi-direct, scsi, mpath, rbd, sheepdog, gluster, zfs, vstorage. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public UUID getUuid() {
        return uuid;
    }

    public void setUuid(UUID uuid) {
        this.uuid = uuid;
    }

    public long getCapacity() {
        return capacity;
    }

    public void setCapacity(long capacity) {
        this.capacity = capacity;
    }

    public long getAllocation() {
        return allocation;
    }

    public void setAllocation(long allocation) {
        this.allocation = allocation;
    }

    public long getAvailable() {
        return available;
    }

    public void setAvailable(long available) {
        this.available = available;
    }

    /** Host names; ports kept in sourceHostPorts. */
    public List<String> getSourceHosts() {
        return sourceHosts;
    }

    public void setSourceHosts(List<String> sourceHosts) {
        this.sourceHosts = sourceHosts;
    }

    public List<String> getSourceHostPorts() {
        return sourceHostPorts;
    }

    public void setSourceHostPorts(List<String> sourceHostPorts) {
        this.sourceHostPorts = sourceHostPorts;
    }

    /** Device paths. */
    public List<String> getSourceDevices() {
        return sourceDevices;
    }

    public void setSourceDevices(List<String> sourceDevices) {
        this.sourceDevices = sourceDevices;
    }

    public String getSourceDir() {
        return sourceDir;
    }

    public void setSourceDir(String sourceDir) {
        this.sourceDir = sourceDir;
    }

    public String getSourceName() {
        return sourceName;
    }

    public void setSourceName(String sourceName) {
        this.sourceName = sourceName;
    }

    public String getSourceFormat() {
        return sourceFormat;
    }

    public void setSourceFormat(String sourceFormat) {
        this.sourceFormat = sourceFormat;
    }

    /** Other source children (adapter, auth, initiator, vendor, product), verbatim. */
    public List<String> getSourceExtraXml() {
        return sourceExtraXml;
    }

    public void setSourceExtraXml(List<String> sourceExtraXml) {
        this.sourceExtraXml = sourceExtraXml;
    }

    public String getTargetPath() {
        return targetPath;
    }

    public void setTargetPath(String targetPath) {
        this.targetPath = targetPath;
    }

    public PermissionsDef getTargetPermissions() {
        return targetPermissions;
    }

    public void setTargetPermissions(PermissionsDef targetPermissions) {
        this.targetPermissions = targetPermissions;
    }

    public List<String> getExtraXml() {
        return extraXml;
    }

    public void setExtraXml(List<String> extraXml) {
        this.extraXml = extraXml;
    }

    /** A deep copy (formatted and parsed again). */
    public StoragePoolDef copy() {
        return io.vireo.xml.VireoXml.parsePool(io.vireo.xml.VireoXml.formatPool(this));
    }
}
