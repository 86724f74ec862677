package io.vireo.xml.domain;

/** {@code <interface>}: a guest NIC on a network, bridge, host device or tap. */
public class InterfaceDef extends DeviceDef {
    private String type = "network"; // network, bridge, ethernet, direct, user, vhostuser, hostdev, mcast, server, client, udp
    private String mac;
    private String sourceNetwork;
    private String sourceBridge;
    private String sourceDev;
    private String sourceMode;
    private String sourcePortgroup;
    private String targetDev;
    private String modelType; // virtio, e1000, rtl8139
    private String driverName;
    private Integer driverQueues;
    private String linkState;
    private Integer mtu;
    private Integer bootOrder;

    public InterfaceDef() {
    }

    /** For example network, bridge, ethernet, direct, user, vhostuser, hostdev. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getMac() {
        return mac;
    }

    public void setMac(String mac) {
        this.mac = mac;
    }

    public String getSourceNetwork() {
        return sourceNetwork;
    }

    public void setSourceNetwork(String sourceNetwork) {
        this.sourceNetwork = sourceNetwork;
    }

    public String getSourceBridge() {
        return sourceBridge;
    }

    public void setSourceBridge(String sourceBridge) {
        this.sourceBridge = sourceBridge;
    }

    public String getSourceDev() {
        return sourceDev;
    }

    public void setSourceDev(String sourceDev) {
        this.sourceDev = sourceDev;
    }

    public String getSourceMode() {
        return sourceMode;
    }

    public void setSourceMode(String sourceMode) {
        this.sourceMode = sourceMode;
    }

    public String getSourcePortgroup() {
        return sourcePortgroup;
    }

    public void setSourcePortgroup(String sourcePortgroup) {
        this.sourcePortgroup = sourcePortgroup;
    }

    public String getTargetDev() {
        return targetDev;
    }

    public void setTargetDev(String targetDev) {
        this.targetDev = targetDev;
    }

    /** The NIC model, for example virtio, e1000, rtl8139. */
    public String getModelType() {
        return modelType;
    }

    public void setModelType(String modelType) {
        this.modelType = modelType;
    }

    public String getDriverName() {
        return driverName;
    }

    public void setDriverName(String driverName) {
        this.driverName = driverName;
    }

    public Integer getDriverQueues() {
        return driverQueues;
    }

    public void setDriverQueues(Integer driverQueues) {
        this.driverQueues = driverQueues;
    }

    public String getLinkState() {
        return linkState;
    }

    public void setLinkState(String linkState) {
        this.linkState = linkState;
    }

    public Integer getMtu() {
        return mtu;
    }

    public void setMtu(Integer mtu) {
        this.mtu = mtu;
    }

    public Integer getBootOrder() {
        return bootOrder;
    }

    public void setBootOrder(Integer bootOrder) {
        this.bootOrder = bootOrder;
    }
}
