package io.vireo.xml.snapshot;

import java.util.ArrayList;
import java.util.List;

/** {@code <disk name='vda' snapshot='external'>} in a snapshot. */
public class SnapshotDiskDef {
    private String name;
    private String snapshot; // no, internal, external, manual
    private String type; // file, block, ... for external
    private String driverType;
    private String sourceFile;
    private List<String> extraXml = new ArrayList<>();

    public SnapshotDiskDef() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** One of: no, internal, external, manual. */
    public String getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(String snapshot) {
        this.snapshot = snapshot;
    }

    /** For external disk snapshots: file, block, ... */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getDriverType() {
        return driverType;
    }

    public void setDriverType(String driverType) {
        this.driverType = driverType;
    }

    public String getSourceFile() {
        return sourceFile;
    }

    public void setSourceFile(String sourceFile) {
        this.sourceFile = sourceFile;
    }

    public List<String> getExtraXml() {
        return extraXml;
    }

    public void setExtraXml(List<String> extraXml) {
        this.extraXml = extraXml;
    }
}
