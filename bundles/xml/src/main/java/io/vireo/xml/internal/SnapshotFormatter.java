package io.vireo.xml.internal;

import io.vireo.xml.snapshot.SnapshotDef;
import io.vireo.xml.snapshot.SnapshotDiskDef;

/** {@link SnapshotDef} → {@code <domainsnapshot>} in libvirt's order, the domain nested inside. */
public final class SnapshotFormatter {
    private SnapshotFormatter() {
    }

    public static String format(SnapshotDef s) {
        XmlOut x = XmlOut.element("domainsnapshot");
        x.leaf("name", s.getName());
        x.leaf("description", s.getDescription());
        x.leaf("state", s.getState());
        if (s.getParent() != null) {
            x.add(XmlOut.element("parent").leaf("name", s.getParent()));
        }
        x.leaf("creationTime", s.getCreationTime());
        if (s.getMemorySnapshot() != null) {
            x.add(XmlOut.element("memory").attr("snapshot", s.getMemorySnapshot()).attr("file", s.getMemoryFile()));
        }
        if (!s.getDisks().isEmpty()) {
            XmlOut disks = XmlOut.element("disks");
            for (SnapshotDiskDef d : s.getDisks()) {
                XmlOut dx = XmlOut.element("disk").attr("name", d.getName()).attr("snapshot", d.getSnapshot())
                        .attr("type", d.getType());
                if (d.getDriverType() != null) {
                    dx.add(XmlOut.element("driver").attr("type", d.getDriverType()));
                }
                if (d.getSourceFile() != null) {
                    dx.add(XmlOut.element("source").attr("file", d.getSourceFile()));
                }
                d.getExtraXml().forEach(dx::raw);
                disks.add(dx);
            }
            x.add(disks);
        }
        if (s.getDomain() != null) {
            x.add(DomainFormatter.toXml(s.getDomain(), false));
        }
        s.getExtraXml().forEach(x::raw);
        if (s.getActive() != null) {
            x.leaf("active", s.getActive() ? 1 : 0);
        }
        return x.toXml();
    }
}
