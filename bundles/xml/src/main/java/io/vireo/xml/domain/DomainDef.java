package io.vireo.xml.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A domain definition ({@code <domain>}), as libvirt's domain XML describes it. Mutable: drivers set the id, current memory and runtime details on their copy. Elements Vireo does not model are kept verbatim in {@link #getExtraXml()} and written back in libvirt's order. */
public class DomainDef {
    private String type; // test, kvm, qemu, lxc, xen, ...
    private Integer id; // runtime id, only while running; formatted only on request
    private String name;
    private UUID uuid;
    private String genid;
    private String title;
    private String description;
    private String metadataXml; // children of metadata, verbatim (dedented); null when there is no metadata element
    private Long maxMemoryKiB;
    private Integer maxMemorySlots;
    private long memoryKiB;
    private Long currentMemoryKiB;
    private int vcpus = 1; // vCPUs online (the vcpu current attribute, or the maximum)
    private int maxVcpus = 1; // the vcpu element's value
    private String vcpuPlacement = "static";
    private String vcpuCpuset;
    private OsDef os;
    private List<FeatureDef> features = new ArrayList<>(); // null when there is no features element
    private CpuDef cpu;
    private ClockDef clock;
    private String onPoweroff = "destroy"; // destroy, restart, preserve, rename-restart
    private String onReboot = "restart";
    private String onCrash = "destroy"; // also coredump-destroy, coredump-restart
    private DevicesDef devices;
    private List<String> extraXml = new ArrayList<>(); // top-level elements Vireo does not model (memoryBacking, cputune, numatune, sysinfo, pm, seclabel, ...), verbatim

    public DomainDef() {
    }

    /** For example test, kvm, qemu, lxc, xen. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    /** Runtime id, only while running; formatted only on request. */
    public Integer getId() {
        return id;
    }

    public void setId(Integer id) {
        this.id = id;
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

    public String getGenid() {
        return genid;
    }

    public void setGenid(String genid) {
        this.genid = genid;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    /** Children of metadata, verbatim (dedented); null when there is no metadata element. */
    public String getMetadataXml() {
        return metadataXml;
    }

    public void setMetadataXml(String metadataXml) {
        this.metadataXml = metadataXml;
    }

    public Long getMaxMemoryKiB() {
        return maxMemoryKiB;
    }

    public void setMaxMemoryKiB(Long maxMemoryKiB) {
        this.maxMemoryKiB = maxMemoryKiB;
    }

    public Integer getMaxMemorySlots() {
        return maxMemorySlots;
    }

    public void setMaxMemorySlots(Integer maxMemorySlots) {
        this.maxMemorySlots = maxMemorySlots;
    }

    public long getMemoryKiB() {
        return memoryKiB;
    }

    public void setMemoryKiB(long memoryKiB) {
        this.memoryKiB = memoryKiB;
    }

    public Long getCurrentMemoryKiB() {
        return currentMemoryKiB;
    }

    public void setCurrentMemoryKiB(Long currentMemoryKiB) {
        this.currentMemoryKiB = currentMemoryKiB;
    }

    /** The vCPUs online: the vcpu current attribute, or the maximum when there is none. */
    public int getVcpus() {
        return vcpus;
    }

    /** Sets the vCPUs online; a count above the maximum raises the maximum with it. */
    public void setVcpus(int vcpus) {
        this.vcpus = vcpus;
        if (vcpus > maxVcpus) {
            maxVcpus = vcpus;
        }
    }

    /** The maximum vCPUs: the vcpu element's value. */
    public int getMaxVcpus() {
        return maxVcpus;
    }

    /** Sets the maximum vCPUs; the vCPUs online are lowered to it if they were above. */
    public void setMaxVcpus(int maxVcpus) {
        this.maxVcpus = maxVcpus;
        if (vcpus > maxVcpus) {
            vcpus = maxVcpus;
        }
    }

    public String getVcpuPlacement() {
        return vcpuPlacement;
    }

    public void setVcpuPlacement(String vcpuPlacement) {
        this.vcpuPlacement = vcpuPlacement;
    }

    public String getVcpuCpuset() {
        return vcpuCpuset;
    }

    public void setVcpuCpuset(String vcpuCpuset) {
        this.vcpuCpuset = vcpuCpuset;
    }

    public OsDef getOs() {
        return os;
    }

    public void setOs(OsDef os) {
        this.os = os;
    }

    /** Null when there is no features element. */
    public List<FeatureDef> getFeatures() {
        return features;
    }

    public void setFeatures(List<FeatureDef> features) {
        this.features = features;
    }

    public CpuDef getCpu() {
        return cpu;
    }

    public void setCpu(CpuDef cpu) {
        this.cpu = cpu;
    }

    public ClockDef getClock() {
        return clock;
    }

    public void setClock(ClockDef clock) {
        this.clock = clock;
    }

    /** One of: destroy, restart, preserve, rename-restart. */
    public String getOnPoweroff() {
        return onPoweroff;
    }

    public void setOnPoweroff(String onPoweroff) {
        this.onPoweroff = onPoweroff;
    }

    public String getOnReboot() {
        return onReboot;
    }

    public void setOnReboot(String onReboot) {
        this.onReboot = onReboot;
    }

    /** Like on_poweroff, plus coredump-destroy and coredump-restart. */
    public String getOnCrash() {
        return onCrash;
    }

    public void setOnCrash(String onCrash) {
        this.onCrash = onCrash;
    }

    public DevicesDef getDevices() {
        return devices;
    }

    public void setDevices(DevicesDef devices) {
        this.devices = devices;
    }

    /** Top-level elements Vireo does not model (memoryBacking, cputune, numatune, sysinfo, pm, seclabel, ...), verbatim. */
    public List<String> getExtraXml() {
        return extraXml;
    }

    public void setExtraXml(List<String> extraXml) {
        this.extraXml = extraXml;
    }

    /** The current memory, or the maximum when there is none. */
    public long getCurrentMemoryOrMax() {
        return currentMemoryKiB == null ? memoryKiB : currentMemoryKiB;
    }

    public List<DiskDef> getDisks() {
        return devices().getDisks();
    }

    public List<InterfaceDef> getInterfaces() {
        return devices().getInterfaces();
    }

    /** The devices element, created when absent so callers can add to it. */
    public DevicesDef devices() {
        if (devices == null) {
            devices = new DevicesDef();
        }
        return devices;
    }

    /** The os element, created when absent. */
    public OsDef os() {
        if (os == null) {
            os = new OsDef();
        }
        return os;
    }

    public boolean hasFeature(String featureName) {
        if (features == null) {
            return false;
        }
        for (FeatureDef f : features) {
            if (f.getName().equals(featureName)) {
                return true;
            }
        }
        return false;
    }

    /** A deep copy (formatted and parsed again, so it is exactly what a dump and define would give). */
    public DomainDef copy() {
        return io.vireo.xml.VireoXml.parseDomain(io.vireo.xml.VireoXml.formatDomain(this, true));
    }
}
