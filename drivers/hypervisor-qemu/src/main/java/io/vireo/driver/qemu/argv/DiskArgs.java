package io.vireo.driver.qemu.argv;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.xml.domain.DiskDef;
import java.util.Set;

/**
 * Disks as {@code -blockdev} pairs plus a {@code -device}. Every image gets two nodes, a protocol node
 * ({@code file} or {@code host_device}) under a format node ({@code raw} or {@code qcow2}), so raw and qcow2
 * disks look alike to QMP (blockstats, block_resize, blockdev-del all name the format node). Backing files
 * of qcow2 images are opened by QEMU from the image header. An empty CD-ROM is a device without a drive.
 */
final class DiskArgs {
    private static final Set<String> SOURCE_CHILDREN_IGNORED = Set.of("seclabel");

    private DiskArgs() {
    }

    static void add(Ctx ctx, DiskDef d) {
        String target = d.getTargetDev();
        boolean cdrom = "cdrom".equals(d.getDevice());
        if (!cdrom && !"disk".equals(d.getDevice())) {
            throw Refuse.unsupported("<disk device='%s'> (target '%s') is not supported: only disk and cdrom",
                    d.getDevice(), target);
        }
        if (!"file".equals(d.getType()) && !"block".equals(d.getType())) {
            throw Refuse.unsupported("<disk type='%s'> (target '%s') is not supported: only file and block",
                    d.getType(), target);
        }
        String bus = d.getTargetBus() == null ? "virtio" : d.getTargetBus();
        if (!Set.of("virtio", "ide", "sata").contains(bus)) {
            throw Refuse.unsupported("<disk> target '%s' on bus '%s' is not supported: only virtio, ide and sata",
                    target, bus);
        }
        if (cdrom && "virtio".equals(bus)) {
            throw Refuse.unsupported("<disk device='cdrom'> (target '%s') cannot be on bus 'virtio'", target);
        }
        if ("ide".equals(bus) && ctx.q35) {
            throw Refuse.unsupported("<disk> target '%s': IDE controllers are unsupported for this QEMU binary "
                    + "or machine type (use bus 'sata' on q35)", target);
        }
        boolean readonly = d.isReadonly() || cdrom;
        if (readonly && !cdrom && !"virtio".equals(bus)) { // QEMU's ide-hd cannot use a read-only drive
            throw Refuse.unsupported("<readonly/> on <disk> target '%s': readonly %s disks are not supported",
                    target, bus);
        }
        if (d.getDriverName() != null && !"qemu".equals(d.getDriverName())) {
            throw Refuse.unsupported("<driver name='%s'> of <disk> target '%s' is not supported: only qemu",
                    d.getDriverName(), target);
        }
        String format = d.getDriverType() == null ? "raw" : d.getDriverType();
        if (!"raw".equals(format) && !"qcow2".equals(format)) {
            throw Refuse.unsupported("<driver type='%s'> of <disk> target '%s' is not supported: only raw and qcow2",
                    format, target);
        }
        String id = ctx.claim(QemuIds.disk(d), "disk");
        Ctx.refuseExtras(d, "disk", Set.of());
        for (String raw : d.getSourceExtraXml()) {
            String name = Refuse.elementName(raw);
            if (!SOURCE_CHILDREN_IGNORED.contains(name)) {
                throw Refuse.unsupported("<%s> inside the <source> of <disk> target '%s' is not supported", name,
                        target);
            }
        }
        Cache cache = Cache.of(d.getDriverCache(), target);
        if ("native".equals(d.getDriverIo()) && !Boolean.TRUE.equals(cache.direct)) {
            throw Refuse.unsupported("<driver io='native'> of <disk> target '%s' needs cache 'none' or "
                    + "'directsync' (native I/O bypasses the host page cache)", target);
        }

        String path = "file".equals(d.getType()) ? d.getSourceFile() : d.getSourceDev();
        String node = null;
        if (path != null) {
            node = QemuIds.diskNode(id);
            String fileNode = QemuIds.diskFileNode(id);
            String protocol = "file".equals(d.getType()) ? "file" : cdrom ? "host_cdrom" : "host_device";
            ctx.add("-blockdev", Opts.empty()
                    .add("driver", protocol)
                    .add("filename", path)
                    .add("node-name", fileNode)
                    .add("read-only", Opts.onOff(readonly))
                    .add("cache.direct", cache.direct == null ? null : Opts.onOff(cache.direct))
                    .add("cache.no-flush", cache.noFlush == null ? null : Opts.onOff(cache.noFlush))
                    .add("aio", d.getDriverIo())
                    .add("discard", d.getDriverDiscard()));
            ctx.add("-blockdev", Opts.empty()
                    .add("driver", format)
                    .add("file", fileNode)
                    .add("node-name", node)
                    .add("read-only", Opts.onOff(readonly))
                    .add("cache.direct", cache.direct == null ? null : Opts.onOff(cache.direct))
                    .add("cache.no-flush", cache.noFlush == null ? null : Opts.onOff(cache.noFlush))
                    .add("discard", d.getDriverDiscard()));
        } else if (!cdrom) {
            // libvirt's wording has no colon here, unlike the code's usual "prefix: detail"
            throw new VirtException(ErrorCode.NO_SOURCE, ErrorDomain.QEMU,
                    ErrorCode.NO_SOURCE.prefix() + " " + target);
        }

        Opts dev;
        if ("virtio".equals(bus)) {
            dev = Opts.of("virtio-blk-pci");
        } else {
            int[] pos = QemuIds.drivePosition(d);
            dev = Opts.of(cdrom ? "ide-cd" : "ide-hd");
            if ("ide".equals(bus)) {
                if (pos[0] < 0 || pos[0] > 1 || pos[1] < 0 || pos[1] > 1) {
                    throw Refuse.unsupported("<disk> target '%s' at IDE bus %d unit %d: the IDE controller has "
                            + "buses 0-1 with units 0-1", target, pos[0], pos[1]);
                }
                dev.add("bus", "ide." + pos[0]).add("unit", pos[1]);
            } else {
                if (pos[0] != 0 || pos[1] < 0 || pos[1] > 5) {
                    throw Refuse.unsupported("<disk> target '%s' at SATA bus %d unit %d: the AHCI controller has "
                            + "bus 0 with units 0-5", target, pos[0], pos[1]);
                }
                // q35's built-in ICH9 AHCI is called "ide"; on pc we add one as sata0
                dev.add("bus", (ctx.q35 ? "ide" : QemuIds.AHCI) + "." + pos[1]);
            }
        }
        dev.add("drive", node)
                .add("id", id)
                .add("bootindex", d.getBootOrder())
                .add("write-cache", cache.writeCache == null || node == null ? null : Opts.onOff(cache.writeCache))
                .add("share-rw", d.isShareable() ? "on" : null)
                .add("serial", d.getSerial());
        ctx.add("-device", dev);
    }

    /**
     * libvirt's cache modes in QEMU's three switches: bypass the host page cache (O_DIRECT), ignore flushes,
     * and whether the guest sees a volatile write cache (it then flushes; without it every write is stable).
     * Null fields leave QEMU's defaults (cache mode "default").
     */
    private record Cache(Boolean direct, Boolean noFlush, Boolean writeCache) {
        static Cache of(String mode, String target) {
            if (mode == null || "default".equals(mode)) {
                return new Cache(null, null, null);
            }
            return switch (mode) {
                case "none" -> new Cache(true, false, true);
                case "writethrough" -> new Cache(false, false, false);
                case "writeback" -> new Cache(false, false, true);
                case "directsync" -> new Cache(true, false, false);
                case "unsafe" -> new Cache(false, true, true);
                default -> throw Refuse.unsupported("<driver cache='%s'> of <disk> target '%s' is not supported",
                        mode, target);
            };
        }
    }
}
