package io.vireo.xml.internal;

import io.vireo.xml.storage.PermissionsDef;
import io.vireo.xml.storage.StoragePoolDef;
import io.vireo.xml.storage.StorageVolumeDef;
import java.util.Set;
import java.util.UUID;

/** {@code <pool>} → {@link StoragePoolDef} and {@code <volume>} → {@link StorageVolumeDef}; sizes in bytes. */
public final class StorageParser {
    static final Set<String> POOL_TYPES = Set.of("dir", "fs", "netfs", "logical", "disk", "iscsi",
            "iscsi-direct", "scsi", "mpath", "rbd", "sheepdog", "gluster", "zfs", "vstorage");
    static final Set<String> VOLUME_TYPES = Set.of("file", "block", "dir", "network", "netdir", "ploop");
    /** Pool types whose volumes are files or devices under a local target path. */
    static final Set<String> NEEDS_TARGET = Set.of("dir", "fs", "netfs", "disk", "iscsi", "scsi", "mpath");

    private static final Values V = Values.STORAGE;

    private StorageParser() {
    }

    public static StoragePoolDef parsePool(String xml) {
        XmlNode root = SafeXmlReader.parse(xml);
        V.expectRoot(root, "pool");
        StoragePoolDef p = new StoragePoolDef();
        String type = V.requireAttr(root, "type");
        if (!POOL_TYPES.contains(type)) {
            throw V.error("unknown storage pool type %s", type);
        }
        p.setType(type);
        p.setName(V.name(root));
        XmlNode uuid = root.child("uuid");
        p.setUuid(uuid == null ? UUID.randomUUID() : V.uuid(uuid));
        p.setCapacity(optionalBytes(root, "capacity"));
        p.setAllocation(optionalBytes(root, "allocation"));
        p.setAvailable(optionalBytes(root, "available"));
        XmlNode source = root.child("source");
        if (source != null) {
            for (XmlNode h : source.children("host")) {
                p.getSourceHosts().add(V.requireAttr(h, "name"));
                p.getSourceHostPorts().add(h.attr("port"));
            }
            for (XmlNode d : source.children("device")) {
                p.getSourceDevices().add(V.requireAttr(d, "path"));
            }
            XmlNode dir = source.child("dir");
            p.setSourceDir(dir == null ? null : V.requireAttr(dir, "path"));
            p.setSourceName(source.childText("name"));
            XmlNode format = source.child("format");
            p.setSourceFormat(format == null ? null : V.requireAttr(format, "type"));
            for (XmlNode c : source.children()) {
                if (!Set.of("host", "device", "dir", "name", "format").contains(c.name())) {
                    p.getSourceExtraXml().add(c.raw());
                }
            }
        }
        XmlNode target = root.child("target");
        if (target != null) {
            p.setTargetPath(target.childText("path"));
            XmlNode perms = target.child("permissions");
            p.setTargetPermissions(perms == null ? null : permissions(perms));
        }
        for (XmlNode c : root.children()) {
            if (!Set.of("name", "uuid", "capacity", "allocation", "available", "source", "target")
                    .contains(c.name())) {
                p.getExtraXml().add(c.raw());
            }
        }
        fillPoolDefaults(p);
        return p;
    }

    private static void fillPoolDefaults(StoragePoolDef p) {
        switch (p.getType()) {
            case "logical" -> {
                // libvirt names the volume group after the pool and puts it under /dev when not told
                if (p.getSourceName() == null) {
                    p.setSourceName(p.getName());
                }
                if (p.getTargetPath() == null) {
                    p.setTargetPath("/dev/" + p.getSourceName());
                }
            }
            case "fs" -> {
                if (p.getSourceDevices().isEmpty()) {
                    throw V.error("missing storage pool source device path");
                }
            }
            case "netfs" -> {
                if (p.getSourceHosts().isEmpty()) {
                    throw V.error("missing storage pool source host name");
                }
                if (p.getSourceDir() == null) {
                    throw V.error("missing storage pool source path");
                }
            }
            case "disk" -> {
                if (p.getSourceDevices().isEmpty()) {
                    throw V.error("missing storage pool source device path");
                }
            }
            default -> {
                // other types have no source requirement Vireo checks
            }
        }
        if (NEEDS_TARGET.contains(p.getType()) && (p.getTargetPath() == null || p.getTargetPath().isEmpty())) {
            throw V.error("missing storage pool target path");
        }
    }

    public static StorageVolumeDef parseVolume(String xml) {
        XmlNode root = SafeXmlReader.parse(xml);
        V.expectRoot(root, "volume");
        StorageVolumeDef v = new StorageVolumeDef();
        String type = V.enumAttr(root, "type", VOLUME_TYPES);
        v.setType(type == null ? "file" : type);
        v.setName(V.name(root));
        v.setKey(root.childText("key"));
        XmlNode source = root.child("source");
        v.setSourceXml(source == null || source.children().isEmpty() ? null : source.raw());
        XmlNode capacity = root.child("capacity");
        if (capacity == null) {
            throw V.error("missing capacity element");
        }
        v.setCapacity(V.bytes(capacity));
        XmlNode allocation = root.child("allocation");
        v.setAllocation(allocation == null ? null : V.bytes(allocation));
        XmlNode physical = root.child("physical");
        v.setPhysical(physical == null ? null : V.bytes(physical));
        XmlNode target = root.child("target");
        if (target != null) {
            v.setTargetPath(target.childText("path"));
            XmlNode format = target.child("format");
            v.setTargetFormat(format == null ? null : V.requireAttr(format, "type"));
            XmlNode perms = target.child("permissions");
            v.setTargetPermissions(perms == null ? null : permissions(perms));
            v.setTargetCompat(target.childText("compat"));
            for (XmlNode c : target.children()) {
                if (!Set.of("path", "format", "permissions", "compat").contains(c.name())) {
                    v.getTargetExtraXml().add(c.raw());
                }
            }
        }
        XmlNode backing = root.child("backingStore");
        if (backing != null) {
            v.setBackingStorePath(V.requireChild(backing, "path").text());
            XmlNode format = backing.child("format");
            v.setBackingStoreFormat(format == null ? null : V.requireAttr(format, "type"));
            XmlNode perms = backing.child("permissions");
            v.setBackingStorePermissions(perms == null ? null : permissions(perms));
        }
        for (XmlNode c : root.children()) {
            if (!Set.of("name", "key", "source", "capacity", "allocation", "physical", "target", "backingStore")
                    .contains(c.name())) {
                v.getExtraXml().add(c.raw());
            }
        }
        if (v.getAllocation() != null && v.getAllocation() > v.getCapacity() && !"qcow2".equals(v.getTargetFormat())) {
            // libvirt accepts this (metadata may exceed capacity for qcow2); for raw it is a mistake
            throw V.error("allocation %d exceeds capacity %d for volume '%s'", v.getAllocation(), v.getCapacity(),
                    v.getName());
        }
        return v;
    }

    private static long optionalBytes(XmlNode root, String element) {
        XmlNode n = root.child(element);
        return n == null ? 0 : V.bytes(n);
    }

    private static PermissionsDef permissions(XmlNode n) {
        PermissionsDef p = new PermissionsDef();
        p.setMode(n.childText("mode"));
        if (p.getMode() != null && !p.getMode().matches("[0-7]{1,4}")) {
            throw V.error("malformed octal mode '%s' in <permissions>", p.getMode());
        }
        p.setOwner(n.childText("owner"));
        p.setGroup(n.childText("group"));
        if (p.getOwner() != null && !p.getOwner().matches("-?\\d+")) {
            throw V.error("malformed owner element '%s'", p.getOwner());
        }
        if (p.getGroup() != null && !p.getGroup().matches("-?\\d+")) {
            throw V.error("malformed group element '%s'", p.getGroup());
        }
        p.setLabel(n.childText("label"));
        return p;
    }
}
