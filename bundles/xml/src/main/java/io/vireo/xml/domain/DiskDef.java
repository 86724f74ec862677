package io.vireo.xml.domain;

import java.util.ArrayList;
import java.util.List;

/** {@code <disk>}: a file, block device, directory, pool volume or network disk. */
public class DiskDef extends DeviceDef {
    private String type = "file"; // file, block, dir, network, volume
    private String device = "disk"; // disk, cdrom, floppy, lun
    private String driverName;
    private String driverType; // raw, qcow2, ...
    private String driverCache;
    private String driverIo;
    private String driverDiscard;
    private String sourceFile;
    private String sourceDev;
    private String sourceDir;
    private String sourcePool;
    private String sourceVolume;
    private String sourceMode;
    private String sourceProtocol; // nbd, rbd, iscsi, http, ...
    private String sourceName;
    private String startupPolicy;
    private List<HostDef> sourceHosts = new ArrayList<>();
    private List<String> sourceExtraXml = new ArrayList<>(); // other children of source (auth, seclabel, reservations...), verbatim
    private String backingStoreXml; // backingStore element, verbatim
    private String targetDev;
    private String targetBus; // virtio, sata, scsi, ide, usb, fdc, xen
    private String targetTray;
    private boolean readonly;
    private boolean shareable;
    private String serial;
    private String wwn;
    private Integer bootOrder;

    public DiskDef() {
    }

    /** One of: file, block, dir, network, volume. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    /** One of: disk, cdrom, floppy, lun. */
    public String getDevice() {
        return device;
    }

    public void setDevice(String device) {
        this.device = device;
    }

    public String getDriverName() {
        return driverName;
    }

    public void setDriverName(String driverName) {
        this.driverName = driverName;
    }

    /** For example raw, qcow2. */
    public String getDriverType() {
        return driverType;
    }

    public void setDriverType(String driverType) {
        this.driverType = driverType;
    }

    public String getDriverCache() {
        return driverCache;
    }

    public void setDriverCache(String driverCache) {
        this.driverCache = driverCache;
    }

    public String getDriverIo() {
        return driverIo;
    }

    public void setDriverIo(String driverIo) {
        this.driverIo = driverIo;
    }

    public String getDriverDiscard() {
        return driverDiscard;
    }

    public void setDriverDiscard(String driverDiscard) {
        this.driverDiscard = driverDiscard;
    }

    public String getSourceFile() {
        return sourceFile;
    }

    public void setSourceFile(String sourceFile) {
        this.sourceFile = sourceFile;
    }

    public String getSourceDev() {
        return sourceDev;
    }

    public void setSourceDev(String sourceDev) {
        this.sourceDev = sourceDev;
    }

    public String getSourceDir() {
        return sourceDir;
    }

    public void setSourceDir(String sourceDir) {
        this.sourceDir = sourceDir;
    }

    public String getSourcePool() {
        return sourcePool;
    }

    public void setSourcePool(String sourcePool) {
        this.sourcePool = sourcePool;
    }

    public String getSourceVolume() {
        return sourceVolume;
    }

    public void setSourceVolume(String sourceVolume) {
        this.sourceVolume = sourceVolume;
    }

    public String getSourceMode() {
        return sourceMode;
    }

    public void setSourceMode(String sourceMode) {
        this.sourceMode = sourceMode;
    }

    /** For example nbd, rbd, iscsi, http. */
    public String getSourceProtocol() {
        return sourceProtocol;
    }

    public void setSourceProtocol(String sourceProtocol) {
        this.sourceProtocol = sourceProtocol;
    }

    public String getSourceName() {
        return sourceName;
    }

    public void setSourceName(String sourceName) {
        this.sourceName = sourceName;
    }

    public String getStartupPolicy() {
        return startupPolicy;
    }

    public void setStartupPolicy(String startupPolicy) {
        this.startupPolicy = startupPolicy;
    }

    public List<HostDef> getSourceHosts() {
        return sourceHosts;
    }

    public void setSourceHosts(List<HostDef> sourceHosts) {
        this.sourceHosts = sourceHosts;
    }

    /** BackingStore element, verbatim. */
    /** Other children of source (auth, seclabel, reservations...), verbatim. */
    public List<String> getSourceExtraXml() {
        return sourceExtraXml;
    }

    public void setSourceExtraXml(List<String> sourceExtraXml) {
        this.sourceExtraXml = sourceExtraXml;
    }

    public String getBackingStoreXml() {
        return backingStoreXml;
    }

    public void setBackingStoreXml(String backingStoreXml) {
        this.backingStoreXml = backingStoreXml;
    }

    public String getTargetDev() {
        return targetDev;
    }

    public void setTargetDev(String targetDev) {
        this.targetDev = targetDev;
    }

    /** One of: virtio, sata, scsi, ide, usb, fdc, xen. */
    public String getTargetBus() {
        return targetBus;
    }

    public void setTargetBus(String targetBus) {
        this.targetBus = targetBus;
    }

    public String getTargetTray() {
        return targetTray;
    }

    public void setTargetTray(String targetTray) {
        this.targetTray = targetTray;
    }

    public boolean isReadonly() {
        return readonly;
    }

    public void setReadonly(boolean readonly) {
        this.readonly = readonly;
    }

    public boolean isShareable() {
        return shareable;
    }

    public void setShareable(boolean shareable) {
        this.shareable = shareable;
    }

    public String getSerial() {
        return serial;
    }

    public void setSerial(String serial) {
        this.serial = serial;
    }

    public String getWwn() {
        return wwn;
    }

    public void setWwn(String wwn) {
        this.wwn = wwn;
    }

    public Integer getBootOrder() {
        return bootOrder;
    }

    public void setBootOrder(Integer bootOrder) {
        this.bootOrder = bootOrder;
    }

    /** The path or name this disk reads from, whatever its source type. */
    public String sourcePath() {
        if (sourceFile != null) {
            return sourceFile;
        }
        if (sourceDev != null) {
            return sourceDev;
        }
        if (sourceDir != null) {
            return sourceDir;
        }
        if (sourceVolume != null) {
            return sourcePool + "/" + sourceVolume;
        }
        return sourceName;
    }
}
