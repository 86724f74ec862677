package io.vireo.xml.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/** A device address ({@code <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>}); attributes other than type kept in document order. */
public class AddressDef {
    private String type; // pci, drive, usb, virtio-serial, ccw, isa, ...
    private Map<String, String> attributes = new LinkedHashMap<>(); // every attribute but type, in order

    public AddressDef() {
    }

    /** For example pci, drive, usb, virtio-serial, ccw, isa. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    /** Every attribute but type, in order. */
    public Map<String, String> getAttributes() {
        return attributes;
    }

    public void setAttributes(Map<String, String> attributes) {
        this.attributes = attributes;
    }

    /** A PCI address in libvirt's notation. */
    public static AddressDef pci(int domain, int bus, int slot, int function) {
        AddressDef a = new AddressDef();
        a.setType("pci");
        a.attributes.put("domain", String.format("0x%04x", domain));
        a.attributes.put("bus", String.format("0x%02x", bus));
        a.attributes.put("slot", String.format("0x%02x", slot));
        a.attributes.put("function", String.format("0x%x", function));
        return a;
    }

    public String get(String attribute) {
        return attributes.get(attribute);
    }

    public void set(String attribute, String value) {
        attributes.put(attribute, value);
    }
}
