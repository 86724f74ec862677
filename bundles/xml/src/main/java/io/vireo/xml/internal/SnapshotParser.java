package io.vireo.xml.internal;

import io.vireo.xml.snapshot.SnapshotDef;
import io.vireo.xml.snapshot.SnapshotDiskDef;
import java.util.Set;

/**
 * {@code <domainsnapshot>} → {@link SnapshotDef}. A snapshot without a name is named after its
 * creation time, and one without a creation time gets the current time, as libvirt does when a
 * snapshot is created (rather than redefined).
 */
public final class SnapshotParser {
    static final Set<String> STATES = Set.of("nostate", "running", "blocked", "paused", "shutdown", "shutoff",
            "crashed", "pmsuspended", "disk-snapshot");
    static final Set<String> MODES = Set.of("no", "internal", "external", "manual");

    private static final Values V = Values.SNAPSHOT;

    private SnapshotParser() {
    }

    public static SnapshotDef parse(String xml) {
        XmlNode root = SafeXmlReader.parse(xml);
        V.expectRoot(root, "domainsnapshot");
        SnapshotDef s = new SnapshotDef();
        XmlNode creation = root.child("creationTime");
        s.setCreationTime(creation == null ? System.currentTimeMillis() / 1000 : V.unsignedText(creation));
        String name = root.childText("name");
        if (name == null || name.isEmpty()) {
            name = Long.toString(s.getCreationTime());
        }
        V.checkName(name, "domainsnapshot");
        s.setName(name);
        XmlNode description = root.child("description");
        s.setDescription(description == null ? null : description.rawText());
        s.setState(V.enumText(root, "state", STATES));
        XmlNode parent = root.child("parent");
        s.setParent(parent == null ? null : V.requireChild(parent, "name").text());
        XmlNode memory = root.child("memory");
        if (memory != null) {
            s.setMemorySnapshot(V.enumAttr(memory, "snapshot", MODES));
            s.setMemoryFile(memory.attr("file"));
            if (s.getMemoryFile() != null && s.getMemorySnapshot() == null) {
                s.setMemorySnapshot("external");
            }
            if ("external".equals(s.getMemorySnapshot()) && s.getMemoryFile() == null) {
                throw V.error("external memory snapshots require a filename");
            }
        }
        XmlNode disks = root.child("disks");
        if (disks != null) {
            for (XmlNode d : disks.children("disk")) {
                s.getDisks().add(disk(d));
            }
        }
        XmlNode domain = root.child("domain");
        s.setDomain(domain == null ? null : DomainParser.parse(domain));
        XmlNode active = root.child("active");
        if (active != null) {
            String t = active.text();
            if (!t.equals("0") && !t.equals("1")) {
                throw V.error("invalid value '%s' for <active>", t);
            }
            s.setActive(t.equals("1"));
        }
        for (XmlNode c : root.children()) {
            if (!Set.of("name", "description", "state", "parent", "creationTime", "memory", "disks", "domain",
                    "active").contains(c.name())) {
                s.getExtraXml().add(c.raw());
            }
        }
        return s;
    }

    private static SnapshotDiskDef disk(XmlNode n) {
        SnapshotDiskDef d = new SnapshotDiskDef();
        d.setName(V.requireAttr(n, "name"));
        d.setSnapshot(V.enumAttr(n, "snapshot", MODES));
        d.setType(n.attr("type"));
        XmlNode driver = n.child("driver");
        d.setDriverType(driver == null ? null : driver.attr("type"));
        XmlNode source = n.child("source");
        d.setSourceFile(source == null ? null : source.attr("file"));
        if (d.getSnapshot() == null && d.getSourceFile() != null) {
            d.setSnapshot("external");
        }
        for (XmlNode c : n.children()) {
            if (!c.name().equals("driver") && !c.name().equals("source")) {
                d.getExtraXml().add(c.raw());
            }
        }
        return d;
    }
}
