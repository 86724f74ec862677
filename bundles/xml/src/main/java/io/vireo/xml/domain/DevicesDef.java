package io.vireo.xml.domain;

import java.util.ArrayList;
import java.util.List;

/** {@code <devices>}: the guest's hardware, by kind, plus unmodelled devices kept verbatim. */
public class DevicesDef {
    private String emulator;
    private List<DiskDef> disks = new ArrayList<>();
    private List<ControllerDef> controllers = new ArrayList<>();
    private List<InterfaceDef> interfaces = new ArrayList<>();
    private List<CharDeviceDef> serials = new ArrayList<>();
    private List<CharDeviceDef> parallels = new ArrayList<>();
    private List<CharDeviceDef> consoles = new ArrayList<>();
    private List<CharDeviceDef> channels = new ArrayList<>();
    private List<InputDef> inputs = new ArrayList<>();
    private List<GraphicsDef> graphics = new ArrayList<>();
    private List<VideoDef> videos = new ArrayList<>();
    private MemballoonDef memballoon;
    private List<RngDef> rngs = new ArrayList<>();
    private List<String> otherXml = new ArrayList<>(); // devices Vireo does not model (hostdev, sound, watchdog, tpm, ...), verbatim, each written in libvirt's device order

    public DevicesDef() {
    }

    public String getEmulator() {
        return emulator;
    }

    public void setEmulator(String emulator) {
        this.emulator = emulator;
    }

    public List<DiskDef> getDisks() {
        return disks;
    }

    public void setDisks(List<DiskDef> disks) {
        this.disks = disks;
    }

    public List<ControllerDef> getControllers() {
        return controllers;
    }

    public void setControllers(List<ControllerDef> controllers) {
        this.controllers = controllers;
    }

    public List<InterfaceDef> getInterfaces() {
        return interfaces;
    }

    public void setInterfaces(List<InterfaceDef> interfaces) {
        this.interfaces = interfaces;
    }

    public List<CharDeviceDef> getSerials() {
        return serials;
    }

    public void setSerials(List<CharDeviceDef> serials) {
        this.serials = serials;
    }

    public List<CharDeviceDef> getParallels() {
        return parallels;
    }

    public void setParallels(List<CharDeviceDef> parallels) {
        this.parallels = parallels;
    }

    public List<CharDeviceDef> getConsoles() {
        return consoles;
    }

    public void setConsoles(List<CharDeviceDef> consoles) {
        this.consoles = consoles;
    }

    public List<CharDeviceDef> getChannels() {
        return channels;
    }

    public void setChannels(List<CharDeviceDef> channels) {
        this.channels = channels;
    }

    public List<InputDef> getInputs() {
        return inputs;
    }

    public void setInputs(List<InputDef> inputs) {
        this.inputs = inputs;
    }

    public List<GraphicsDef> getGraphics() {
        return graphics;
    }

    public void setGraphics(List<GraphicsDef> graphics) {
        this.graphics = graphics;
    }

    public List<VideoDef> getVideos() {
        return videos;
    }

    public void setVideos(List<VideoDef> videos) {
        this.videos = videos;
    }

    public MemballoonDef getMemballoon() {
        return memballoon;
    }

    public void setMemballoon(MemballoonDef memballoon) {
        this.memballoon = memballoon;
    }

    public List<RngDef> getRngs() {
        return rngs;
    }

    public void setRngs(List<RngDef> rngs) {
        this.rngs = rngs;
    }

    /** Devices Vireo does not model (hostdev, sound, watchdog, tpm, ...), verbatim, each written in libvirt's device order. */
    public List<String> getOtherXml() {
        return otherXml;
    }

    public void setOtherXml(List<String> otherXml) {
        this.otherXml = otherXml;
    }

    /** The disk with that target dev (vda, sdb, ...), or null. */
    public DiskDef findDisk(String targetDev) {
        for (DiskDef d : disks) {
            if (targetDev.equals(d.getTargetDev())) {
                return d;
            }
        }
        return null;
    }

    /** The interface with that MAC (case-insensitive), or null. */
    public InterfaceDef findInterface(String mac) {
        for (InterfaceDef i : interfaces) {
            if (mac.equalsIgnoreCase(i.getMac())) {
                return i;
            }
        }
        return null;
    }
}
