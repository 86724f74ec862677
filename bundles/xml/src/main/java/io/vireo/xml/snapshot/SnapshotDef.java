package io.vireo.xml.snapshot;

import io.vireo.xml.domain.DomainDef;
import java.util.ArrayList;
import java.util.List;

/** A domain snapshot ({@code <domainsnapshot>}), with the domain definition it captured. */
public class SnapshotDef {
    private String name;
    private String description;
    private String state; // nostate, running, blocked, paused, shutdown, shutoff, crashed, pmsuspended, disk-snapshot
    private String parent; // parent snapshot name
    private Long creationTime; // epoch seconds
    private String memorySnapshot; // no, internal, external, manual
    private String memoryFile;
    private List<SnapshotDiskDef> disks = new ArrayList<>();
    private DomainDef domain;
    private Boolean active; // only in saved metadata: whether this is the current snapshot
    private List<String> extraXml = new ArrayList<>();

    public SnapshotDef() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    /** One of: nostate, running, blocked, paused, shutdown, shutoff, crashed, pmsuspended, disk-snapshot. */
    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    /** Parent snapshot name. */
    public String getParent() {
        return parent;
    }

    public void setParent(String parent) {
        this.parent = parent;
    }

    /** Epoch seconds. */
    public Long getCreationTime() {
        return creationTime;
    }

    public void setCreationTime(Long creationTime) {
        this.creationTime = creationTime;
    }

    /** One of: no, internal, external, manual. */
    public String getMemorySnapshot() {
        return memorySnapshot;
    }

    public void setMemorySnapshot(String memorySnapshot) {
        this.memorySnapshot = memorySnapshot;
    }

    public String getMemoryFile() {
        return memoryFile;
    }

    public void setMemoryFile(String memoryFile) {
        this.memoryFile = memoryFile;
    }

    public List<SnapshotDiskDef> getDisks() {
        return disks;
    }

    public void setDisks(List<SnapshotDiskDef> disks) {
        this.disks = disks;
    }

    public DomainDef getDomain() {
        return domain;
    }

    public void setDomain(DomainDef domain) {
        this.domain = domain;
    }

    /** Only in saved metadata: whether this is the current snapshot. */
    public Boolean getActive() {
        return active;
    }

    public void setActive(Boolean active) {
        this.active = active;
    }

    public List<String> getExtraXml() {
        return extraXml;
    }

    public void setExtraXml(List<String> extraXml) {
        this.extraXml = extraXml;
    }

    /** A deep copy (formatted and parsed again). */
    public SnapshotDef copy() {
        return io.vireo.xml.VireoXml.parseSnapshot(io.vireo.xml.VireoXml.formatSnapshot(this));
    }
}
