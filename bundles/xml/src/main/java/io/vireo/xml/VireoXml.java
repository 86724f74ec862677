package io.vireo.xml;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.xml.domain.DeviceDef;
import io.vireo.xml.domain.DevicesDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.internal.DeviceParser;
import io.vireo.xml.internal.SafeXmlReader;
import io.vireo.xml.internal.DomainFormatter;
import io.vireo.xml.internal.DomainParser;
import io.vireo.xml.internal.NetworkFormatter;
import io.vireo.xml.internal.NetworkParser;
import io.vireo.xml.internal.SnapshotFormatter;
import io.vireo.xml.internal.SnapshotParser;
import io.vireo.xml.internal.StorageFormatter;
import io.vireo.xml.internal.StorageParser;
import io.vireo.xml.network.NetworkDef;
import io.vireo.xml.snapshot.SnapshotDef;
import io.vireo.xml.storage.StoragePoolDef;
import io.vireo.xml.storage.StorageVolumeDef;

import java.util.ArrayList;
import java.util.List;

/**
 * libvirt-compatible XML for domains, networks, storage pools, volumes and snapshots.
 *
 * <p>Parsing reads through a hardened Woodstox reader (no DTD, no entities, size and depth limits),
 * fills libvirt's defaults (random UUID, generated 52:54:00 MACs, disk buses and target names, memory
 * in KiB and sizes in bytes from any unit) and validates values. Every failure is a
 * {@link io.vireo.api.VirtException}: {@code XML_DETAIL} for documents that are not well-formed (with
 * line and column), {@code XML_ERROR} for refused constructs and invalid definitions, with libvirt's
 * wording where libvirt has one.
 *
 * <p>Formatting writes libvirt's layout exactly: element order, two-space indentation, single-quoted
 * attributes, no XML declaration, a trailing newline. {@code format(parse(x))} is byte-identical to
 * {@code x} for libvirt's own output.
 *
 * <p>Unknown elements are kept, not rejected: elements Vireo does not model, at the top level, inside
 * {@code <devices>}, inside a device and in a few other places (os, cpu, pool source, volume target),
 * are kept verbatim and written back in libvirt's element order. A definition written for a richer
 * libvirt host therefore survives define and dumpxml here unchanged; values of the elements Vireo does
 * model are always checked. {@code <metadata>} content is kept verbatim (its prefixes must be declared
 * inside it, as libvirt requires).
 *
 * <p>Why Woodstox directly and not Jackson's XmlMapper: libvirt XML needs the document order of mixed
 * siblings (devices of any kind interleaved), verbatim capture of subtrees (metadata, unmodelled
 * elements), the source line and column for messages, and single-quoted output in a fixed order.
 * Databind gives none of these without custom (de)serializers for nearly every class, so the model is
 * plain beans (public, no-arg constructors, getters and setters, so Jackson or any introspector can
 * still use them) read from a small positioned tree and written by {@code XmlOut}. The bundle imports
 * only Woodstox and stax2, no Jackson packages.
 */
public final class VireoXml {
    private VireoXml() {
    }

    public static DomainDef parseDomain(String xml) {
        return DomainParser.parse(xml);
    }

    /**
     * One device element, as attach-device and detach-device take it ({@code <disk>}, {@code <interface>},
     * {@code <serial>}, ...), checked as it would be inside a domain. Elements the model does not know
     * fail with XML_ERROR.
     */
    public static DeviceDef parseDevice(String xml) {
        String body = xml.strip();
        if (body.startsWith("<?xml")) {
            int end = body.indexOf("?>");
            body = end < 0 ? body : body.substring(end + 2).strip();
        }
        DevicesDef devices = DeviceParser.parse(SafeXmlReader.parse("<devices>" + body + "</devices>"));
        List<DeviceDef> found = new ArrayList<>();
        found.addAll(devices.getDisks());
        found.addAll(devices.getInterfaces());
        found.addAll(devices.getSerials());
        found.addAll(devices.getConsoles());
        found.addAll(devices.getChannels());
        found.addAll(devices.getInputs());
        found.addAll(devices.getGraphics());
        found.addAll(devices.getVideos());
        found.addAll(devices.getRngs());
        found.addAll(devices.getControllers());
        if (devices.getMemballoon() != null) {
            found.add(devices.getMemballoon());
        }
        if (found.size() != 1 || !devices.getOtherXml().isEmpty()) {
            throw VirtException.of(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                    found.isEmpty() && devices.getOtherXml().isEmpty() ? "missing device element"
                            : found.size() + devices.getOtherXml().size() > 1 ? "expected one device element"
                            : "unknown device type");
        }
        return found.get(0);
    }

    /** The domain as libvirt's dumpxml shows it: with the id attribute when the domain has one. */
    public static String formatDomain(DomainDef def) {
        return DomainFormatter.format(def, true);
    }

    /** The domain with or without its runtime id (without: the persistent, inactive form). */
    public static String formatDomain(DomainDef def, boolean includeId) {
        return DomainFormatter.format(def, includeId);
    }

    public static NetworkDef parseNetwork(String xml) {
        return NetworkParser.parse(xml);
    }

    public static String formatNetwork(NetworkDef def) {
        return NetworkFormatter.format(def);
    }

    public static StoragePoolDef parsePool(String xml) {
        return StorageParser.parsePool(xml);
    }

    public static String formatPool(StoragePoolDef def) {
        return StorageFormatter.formatPool(def);
    }

    public static StorageVolumeDef parseVolume(String xml) {
        return StorageParser.parseVolume(xml);
    }

    public static String formatVolume(StorageVolumeDef def) {
        return StorageFormatter.formatVolume(def);
    }

    public static SnapshotDef parseSnapshot(String xml) {
        return SnapshotParser.parse(xml);
    }

    public static String formatSnapshot(SnapshotDef def) {
        return SnapshotFormatter.format(def);
    }
}
