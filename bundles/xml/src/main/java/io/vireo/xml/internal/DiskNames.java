package io.vireo.xml.internal;

import java.util.Set;

/** Guest disk names: the prefix each bus uses, the bus a name implies, and a, b, ... z, aa, ab suffixes. */
final class DiskNames {
    private DiskNames() {
    }

    static String prefixFor(String bus) {
        if (bus == null) {
            return "vd";
        }
        return switch (bus) {
            case "ide" -> "hd";
            case "fdc" -> "fd";
            case "xen" -> "xvd";
            case "scsi", "sata", "usb", "sd" -> "sd";
            case "uml" -> "ubd";
            default -> "vd";
        };
    }

    /** The bus libvirt assumes for a target name when none is given. */
    static String busFor(String dev, String device) {
        if (dev.startsWith("hd")) {
            return "ide";
        }
        if (dev.startsWith("sd")) {
            return "scsi";
        }
        if (dev.startsWith("vd")) {
            return "virtio";
        }
        if (dev.startsWith("xvd")) {
            return "xen";
        }
        if (dev.startsWith("fd")) {
            return "fdc";
        }
        if (dev.startsWith("ubd")) {
            return "uml";
        }
        return Set.of("cdrom").contains(device) ? "ide" : "virtio";
    }

    /** 0 → a, 25 → z, 26 → aa. */
    static String suffix(int index) {
        StringBuilder sb = new StringBuilder();
        int i = index;
        do {
            sb.insert(0, (char) ('a' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return sb.toString();
    }
}
