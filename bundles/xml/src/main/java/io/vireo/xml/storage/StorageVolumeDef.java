package io.vireo.xml.storage;

import java.util.ArrayList;
import java.util.List;

/** A storage volume definition ({@code <volume>}); sizes in bytes. */
public class StorageVolumeDef {
    private String type = "file"; // file, block, dir, network, netdir, ploop
    private String name;
    private String key;
    private String sourceXml; // source element, verbatim
    private long capacity;
    private Long allocation;
    private Long physical;
    private String targetPath;
    private String targetFormat; // raw, qcow2, ...
    private PermissionsDef targetPermissions;
    private String targetCompat;
    private List<String> targetExtraXml = new ArrayList<>(); // timestamps, encryption, features, clusterSize, verbatim
    private String backingStorePath;
    private String backingStoreFormat;
    private PermissionsDef backingStorePermissions;
    private List<String> extraXml = new ArrayList<>();

    public StorageVolumeDef() {
    }

    /** One of: file, block, dir, network, netdir, ploop. */
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

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    /** Source element, verbatim. */
    public String getSourceXml() {
        return sourceXml;
    }

    public void setSourceXml(String sourceXml) {
        this.sourceXml = sourceXml;
    }

    public long getCapacity() {
        return capacity;
    }

    public void setCapacity(long capacity) {
        this.capacity = capacity;
    }

    public Long getAllocation() {
        return allocation;
    }

    public void setAllocation(Long allocation) {
        this.allocation = allocation;
    }

    public Long getPhysical() {
        return physical;
    }

    public void setPhysical(Long physical) {
        this.physical = physical;
    }

    public String getTargetPath() {
        return targetPath;
    }

    public void setTargetPath(String targetPath) {
        this.targetPath = targetPath;
    }

    /** For example raw, qcow2. */
    public String getTargetFormat() {
        return targetFormat;
    }

    public void setTargetFormat(String targetFormat) {
        this.targetFormat = targetFormat;
    }

    public PermissionsDef getTargetPermissions() {
        return targetPermissions;
    }

    public void setTargetPermissions(PermissionsDef targetPermissions) {
        this.targetPermissions = targetPermissions;
    }

    public String getTargetCompat() {
        return targetCompat;
    }

    public void setTargetCompat(String targetCompat) {
        this.targetCompat = targetCompat;
    }

    /** Timestamps, encryption, features, clusterSize, verbatim. */
    public List<String> getTargetExtraXml() {
        return targetExtraXml;
    }

    public void setTargetExtraXml(List<String> targetExtraXml) {
        this.targetExtraXml = targetExtraXml;
    }

    public String getBackingStorePath() {
        return backingStorePath;
    }

    public void setBackingStorePath(String backingStorePath) {
        this.backingStorePath = backingStorePath;
    }

    public String getBackingStoreFormat() {
        return backingStoreFormat;
    }

    public void setBackingStoreFormat(String backingStoreFormat) {
        this.backingStoreFormat = backingStoreFormat;
    }

    public PermissionsDef getBackingStorePermissions() {
        return backingStorePermissions;
    }

    public void setBackingStorePermissions(PermissionsDef backingStorePermissions) {
        this.backingStorePermissions = backingStorePermissions;
    }

    public List<String> getExtraXml() {
        return extraXml;
    }

    public void setExtraXml(List<String> extraXml) {
        this.extraXml = extraXml;
    }

    /** The allocation, or the capacity when none is set (libvirt's fully allocated default). */
    public long allocationOrCapacity() {
        return allocation == null ? capacity : allocation;
    }

    /** A deep copy (formatted and parsed again). */
    public StorageVolumeDef copy() {
        return io.vireo.xml.VireoXml.parseVolume(io.vireo.xml.VireoXml.formatVolume(this));
    }
}
