package io.vireo.xml.domain;

/** {@code <memballoon model='virtio'>}. */
public class MemballoonDef extends DeviceDef {
    private String model = "virtio"; // virtio, xen, none
    private Boolean autodeflate;
    private Boolean freePageReporting;
    private Integer statsPeriod;

    public MemballoonDef() {
    }

    /** One of: virtio, xen, none. */
    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public Boolean getAutodeflate() {
        return autodeflate;
    }

    public void setAutodeflate(Boolean autodeflate) {
        this.autodeflate = autodeflate;
    }

    public Boolean getFreePageReporting() {
        return freePageReporting;
    }

    public void setFreePageReporting(Boolean freePageReporting) {
        this.freePageReporting = freePageReporting;
    }

    public Integer getStatsPeriod() {
        return statsPeriod;
    }

    public void setStatsPeriod(Integer statsPeriod) {
        this.statsPeriod = statsPeriod;
    }
}
