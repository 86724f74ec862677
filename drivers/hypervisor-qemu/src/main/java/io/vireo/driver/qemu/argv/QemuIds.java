package io.vireo.driver.qemu.argv;

import io.vireo.xml.domain.AddressDef;
import io.vireo.xml.domain.DeviceDef;
import io.vireo.xml.domain.DiskDef;
import java.util.regex.Pattern;

/**
 * The ids Vireo gives QEMU objects, in one place, because QMP commands name them long after the command line
 * was built: {@code device_del virtio-disk1}, {@code query-blockstats} entries, {@code blockdev-del
 * drive-virtio-disk1}, {@code netdev_del hostnet0}. They follow libvirt's aliases, so a guest's device names
 * look the same under Vireo and libvirt:
 *
 * <ul>
 *   <li>disk device {@code virtio-disk<N>} (N from the target name: vda is 0, vdb 1, vdaa 26),
 *       {@code ide0-<bus>-<unit>}, {@code sata0-0-<unit>}; its top block node {@code drive-<device id>} (the
 *       format layer, what the device's {@code drive=} names) over the protocol node {@code file-<device id>}</li>
 *   <li>NIC {@code net<N>} over netdev {@code hostnet<N>} (N: position among the interfaces)</li>
 *   <li>serial port {@code serial<N>} over chardev {@code charserial<N>}; QMP on chardev {@code charmonitor}</li>
 *   <li>{@code video0}, {@code balloon0}, {@code rng<N>} over object {@code objrng<N>}, {@code input<N>}, the
 *       USB controller {@code usb} (bus {@code usb.0}), the AHCI controller added on pc {@code sata0}</li>
 * </ul>
 *
 * An alias in the XML replaces the generated device id and the ids derived from it: a user alias
 * ({@code <alias name='ua-...'/>}, libvirt's rule for aliases a user may choose), and the aliases the driver
 * writes into a running guest's live definition at start, so that ids stay put when devices come and go.
 */
public final class QemuIds {
    /** The chardev QMP listens on. */
    public static final String MONITOR_CHARDEV = "charmonitor";
    /** The id of the virtio-serial controller channels hang on; its bus is {@code virtio-serial0.0}. */
    public static final String VIRTIO_SERIAL = "virtio-serial0";

    /** The id of the USB controller; its bus is {@code usb.0}. */
    public static final String USB = "usb";
    /** The AHCI controller added for SATA disks on the pc machine; its ports are {@code sata0.<unit>}. */
    public static final String AHCI = "sata0";
    public static final String BALLOON = "balloon0";

    /** QEMU's limit for block node names (32 bytes with the terminating NUL). */
    static final int MAX_NODE_NAME = 31;
    private static final Pattern USER_ALIAS = Pattern.compile("[A-Za-z0-9_.-]+");

    private QemuIds() {
    }

    /** The device id of a disk: a user alias, or one derived from its bus and target (see the class comment). */
    public static String disk(DiskDef disk) {
        String user = userAlias(disk, "disk");
        String id;
        if (user != null) {
            id = user;
        } else {
            String bus = disk.getTargetBus() == null ? "virtio" : disk.getTargetBus();
            int[] pos = drivePosition(disk);
            id = switch (bus) {
                case "virtio" -> "virtio-disk" + diskIndex(disk.getTargetDev());
                case "ide" -> "ide0-" + pos[0] + "-" + pos[1];
                case "sata" -> "sata0-0-" + pos[1];
                default -> bus + "-disk" + diskIndex(disk.getTargetDev()); // refused later, named for the message
            };
        }
        if (diskNode(id).length() > MAX_NODE_NAME) {
            throw Refuse.unsupported("alias '%s' of <disk> target '%s' is too long for a QEMU node name "
                    + "(at most %d characters)", id, disk.getTargetDev(), MAX_NODE_NAME - "drive-".length());
        }
        return id;
    }

    /** The format node of a disk, the one its device uses and blockstats report. */
    public static String diskNode(String diskId) {
        return "drive-" + diskId;
    }

    /** The protocol (file or host device) node under {@link #diskNode}. */
    public static String diskFileNode(String diskId) {
        return "file-" + diskId;
    }

    /** The device id of the interface at {@code index} among the domain's interfaces. */
    public static String net(int index, DeviceDef iface) {
        String user = userAlias(iface, "interface");
        return user != null ? user : "net" + index;
    }

    public static String netdev(String netId) {
        return "host" + netId;
    }

    /** The device id of serial port {@code index}. */
    public static String serial(int index) {
        return "serial" + index;
    }

    /** The chardev behind a device id ({@code serial0} → {@code charserial0}). */
    public static String chardev(String deviceId) {
        return "char" + deviceId;
    }

    public static String video(int index) {
        return "video" + index;
    }

    public static String input(int index) {
        return "input" + index;
    }

    public static String rng(int index, DeviceDef rng) {
        String user = userAlias(rng, "rng");
        return user != null ? user : "rng" + index;
    }

    /** The backend object behind an RNG device id. */
    public static String rngObject(String rngId) {
        return "obj" + rngId;
    }

    /**
     * The index in a target name: the letters after the bus prefix read as a bijective base-26 number
     * (vda 0, vdz 25, vdaa 26), as libvirt numbers disks.
     */
    static int diskIndex(String targetDev) {
        if (targetDev == null) {
            throw Refuse.unsupported("<disk> has no <target dev>");
        }
        String letters = targetDev.replaceFirst("^(xvd|ubd|vd|hd|sd|fd)", "");
        if (letters.isEmpty() || letters.length() > 3 || !letters.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            throw Refuse.unsupported("cannot derive a disk index from <target dev='%s'>", targetDev);
        }
        int index = 0;
        for (char c : letters.toCharArray()) {
            index = index * 26 + (c - 'a' + 1);
        }
        return index - 1;
    }

    /**
     * {bus, unit} of an IDE or SATA disk: from its {@code <address type='drive'>} when present, else from the
     * target name (IDE: hda 0/0, hdb 0/1, hdc 1/0, hdd 1/1; SATA: sda port 0, sdb port 1, bus always 0).
     */
    static int[] drivePosition(DiskDef disk) {
        AddressDef a = disk.getAddress();
        boolean sata = "sata".equals(disk.getTargetBus());
        if (a != null && "drive".equals(a.getType())) {
            int controller = intAttr(a, "controller", disk);
            if (controller != 0) {
                throw Refuse.unsupported("<disk> target '%s' is on controller %d: only controller 0 is supported",
                        disk.getTargetDev(), controller);
            }
            return new int[] {intAttr(a, "bus", disk), intAttr(a, "unit", disk)};
        }
        if (!"ide".equals(disk.getTargetBus()) && !sata) {
            return new int[] {0, 0};
        }
        int index = diskIndex(disk.getTargetDev());
        return sata ? new int[] {0, index} : new int[] {index / 2, index % 2};
    }

    private static int intAttr(AddressDef a, String name, DiskDef disk) {
        String v = a.get(name);
        if (v == null) {
            return 0;
        }
        try {
            return Integer.decode(v);
        } catch (NumberFormatException e) {
            throw Refuse.unsupported("invalid %s '%s' in the <address> of <disk> target '%s'", name, v,
                    disk.getTargetDev());
        }
    }

    /** The XML's alias when it is a user alias; any other alias is what a previous run reported, not a wish. */
    private static String userAlias(DeviceDef device, String element) {
        String alias = device.getAlias();
        if (alias == null) {
            return null;
        }
        if (!USER_ALIAS.matcher(alias).matches()) {
            throw Refuse.unsupported("user alias '%s' of <%s> may hold only letters, digits, '_', '.' and '-'",
                    alias, element);
        }
        return alias;
    }
}
