package io.vireo.xml.domain;

/** {@code <input type='tablet' bus='usb'/>}. */
public class InputDef extends DeviceDef {
    private String type; // mouse, tablet, keyboard, passthrough, evdev
    private String bus; // ps2, usb, virtio, xen

    public InputDef() {
    }

    /** One of: mouse, tablet, keyboard, passthrough, evdev. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    /** One of: ps2, usb, virtio, xen. */
    public String getBus() {
        return bus;
    }

    public void setBus(String bus) {
        this.bus = bus;
    }
}
