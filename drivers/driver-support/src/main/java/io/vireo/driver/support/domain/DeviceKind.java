package io.vireo.driver.support.domain;

import io.vireo.xml.domain.CharDeviceDef;
import io.vireo.xml.domain.ControllerDef;
import io.vireo.xml.domain.DeviceDef;
import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.GraphicsDef;
import io.vireo.xml.domain.InputDef;
import io.vireo.xml.domain.InterfaceDef;
import io.vireo.xml.domain.MemballoonDef;
import io.vireo.xml.domain.RngDef;
import io.vireo.xml.domain.VideoDef;

/** The element name of a device, as libvirt names device kinds in its messages. */
final class DeviceKind {
    private DeviceKind() {
    }

    static String of(DeviceDef d) {
        if (d instanceof DiskDef) {
            return "disk";
        } else if (d instanceof InterfaceDef) {
            return "interface";
        } else if (d instanceof CharDeviceDef) {
            return "chr";
        } else if (d instanceof ControllerDef) {
            return "controller";
        } else if (d instanceof GraphicsDef) {
            return "graphics";
        } else if (d instanceof InputDef) {
            return "input";
        } else if (d instanceof VideoDef) {
            return "video";
        } else if (d instanceof RngDef) {
            return "rng";
        } else if (d instanceof MemballoonDef) {
            return "memballoon";
        }
        return d.getClass().getSimpleName();
    }
}
