package io.vireo.xml.domain;

/** {@code <video>} with its {@code <model>}. */
public class VideoDef extends DeviceDef {
    private String modelType; // vga, cirrus, qxl, virtio, bochs, ramfb, none
    private Long ram;
    private Long vram;
    private Long vgamem;
    private Integer heads;
    private Boolean primary;
    private Boolean accel3d;

    public VideoDef() {
    }

    /** One of: vga, cirrus, qxl, virtio, bochs, ramfb, none. */
    public String getModelType() {
        return modelType;
    }

    public void setModelType(String modelType) {
        this.modelType = modelType;
    }

    public Long getRam() {
        return ram;
    }

    public void setRam(Long ram) {
        this.ram = ram;
    }

    public Long getVram() {
        return vram;
    }

    public void setVram(Long vram) {
        this.vram = vram;
    }

    public Long getVgamem() {
        return vgamem;
    }

    public void setVgamem(Long vgamem) {
        this.vgamem = vgamem;
    }

    public Integer getHeads() {
        return heads;
    }

    public void setHeads(Integer heads) {
        this.heads = heads;
    }

    public Boolean getPrimary() {
        return primary;
    }

    public void setPrimary(Boolean primary) {
        this.primary = primary;
    }

    public Boolean getAccel3d() {
        return accel3d;
    }

    public void setAccel3d(Boolean accel3d) {
        this.accel3d = accel3d;
    }
}
