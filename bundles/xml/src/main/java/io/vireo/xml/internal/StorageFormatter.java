package io.vireo.xml.internal;

import io.vireo.xml.storage.PermissionsDef;
import io.vireo.xml.storage.StoragePoolDef;
import io.vireo.xml.storage.StorageVolumeDef;
import java.util.Set;

/** {@link StoragePoolDef} and {@link StorageVolumeDef} → libvirt's pool and volume XML. */
public final class StorageFormatter {
    private StorageFormatter() {
    }

    public static String formatPool(StoragePoolDef p) {
        XmlOut x = XmlOut.element("pool").attr("type", p.getType());
        x.leaf("name", p.getName());
        x.leaf("uuid", p.getUuid());
        x.add(XmlOut.element("capacity").attr("unit", "bytes").text(p.getCapacity()));
        x.add(XmlOut.element("allocation").attr("unit", "bytes").text(p.getAllocation()));
        x.add(XmlOut.element("available").attr("unit", "bytes").text(p.getAvailable()));
        // libvirt always writes the source element, as an open/close pair even when it is empty
        XmlOut src = XmlOut.element("source").keepOpen();
        for (int i = 0; i < p.getSourceHosts().size(); i++) {
            String port = i < p.getSourceHostPorts().size() ? p.getSourceHostPorts().get(i) : null;
            src.add(XmlOut.element("host").attr("name", p.getSourceHosts().get(i)).attr("port", port));
        }
        p.getSourceDevices().forEach(d -> src.add(XmlOut.element("device").attr("path", d)));
        if (p.getSourceDir() != null) {
            src.add(XmlOut.element("dir").attr("path", p.getSourceDir()));
        }
        p.getSourceExtraXml().stream().filter(r -> Ordering.elementName(r).equals("adapter")).forEach(src::raw);
        src.leaf("name", p.getSourceName());
        p.getSourceExtraXml().stream().filter(r -> !Set.of("adapter", "protocol").contains(Ordering.elementName(r)))
                .forEach(src::raw);
        if (p.getSourceFormat() != null) {
            src.add(XmlOut.element("format").attr("type", p.getSourceFormat()));
        }
        p.getSourceExtraXml().stream().filter(r -> Ordering.elementName(r).equals("protocol")).forEach(src::raw);
        x.add(src);
        if (p.getTargetPath() != null || p.getTargetPermissions() != null) {
            x.add(XmlOut.element("target").leaf("path", p.getTargetPath())
                    .add(permissions(p.getTargetPermissions())));
        }
        p.getExtraXml().forEach(x::raw);
        return x.toXml();
    }

    public static String formatVolume(StorageVolumeDef v) {
        XmlOut x = XmlOut.element("volume").attr("type", v.getType());
        x.leaf("name", v.getName());
        x.leaf("key", v.getKey());
        x.raw(v.getSourceXml());
        x.add(XmlOut.element("capacity").attr("unit", "bytes").text(v.getCapacity()));
        x.add(XmlOut.element("allocation").attr("unit", "bytes").text(v.allocationOrCapacity()));
        if (v.getPhysical() != null) {
            x.add(XmlOut.element("physical").attr("unit", "bytes").text(v.getPhysical()));
        }
        XmlOut target = XmlOut.element("target").leaf("path", v.getTargetPath());
        if (v.getTargetFormat() != null) {
            target.add(XmlOut.element("format").attr("type", v.getTargetFormat()));
        }
        target.add(permissions(v.getTargetPermissions()));
        v.getTargetExtraXml().stream().filter(r -> Ordering.elementName(r).equals("timestamps")).forEach(target::raw);
        target.leaf("compat", v.getTargetCompat());
        v.getTargetExtraXml().stream().filter(r -> !Ordering.elementName(r).equals("timestamps")).forEach(target::raw);
        if (target.hasContent()) {
            x.add(target);
        }
        if (v.getBackingStorePath() != null) {
            XmlOut b = XmlOut.element("backingStore").leaf("path", v.getBackingStorePath());
            if (v.getBackingStoreFormat() != null) {
                b.add(XmlOut.element("format").attr("type", v.getBackingStoreFormat()));
            }
            x.add(b.add(permissions(v.getBackingStorePermissions())));
        }
        v.getExtraXml().forEach(x::raw);
        return x.toXml();
    }

    private static XmlOut permissions(PermissionsDef p) {
        if (p == null) {
            return null;
        }
        return XmlOut.element("permissions").leaf("mode", p.getMode()).leaf("owner", p.getOwner())
                .leaf("group", p.getGroup()).leaf("label", p.getLabel());
    }
}
