package io.vireo.xml.domain;

/** {@code <controller type='pci' index='0' model='pcie-root'/>}. */
public class ControllerDef extends DeviceDef {
    private String type; // ide, fdc, scsi, sata, usb, ccid, virtio-serial, xenbus, pci
    private Integer index;
    private String model;
    private Integer ports;
    private Integer vectors;
    private Integer masterStartport;

    public ControllerDef() {
    }

    /** One of: ide, fdc, scsi, sata, usb, ccid, virtio-serial, xenbus, pci. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public Integer getIndex() {
        return index;
    }

    public void setIndex(Integer index) {
        this.index = index;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public Integer getPorts() {
        return ports;
    }

    public void setPorts(Integer ports) {
        this.ports = ports;
    }

    public Integer getVectors() {
        return vectors;
    }

    public void setVectors(Integer vectors) {
        this.vectors = vectors;
    }

    /** {@code <master startport='N'/>}: a USB companion controller's first port on its master (EHCI) bus. */
    public Integer getMasterStartport() {
        return masterStartport;
    }

    public void setMasterStartport(Integer masterStartport) {
        this.masterStartport = masterStartport;
    }
}
