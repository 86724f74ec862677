package io.vireo.driver.qemu.argv;

import io.vireo.xml.domain.DeviceDef;
import io.vireo.xml.domain.DomainDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One build in progress: the inputs, what was decided about the machine, and the arguments so far. */
final class Ctx {
    final DomainDef def;
    final QemuLaunch launch;
    /** q35 (ICH9, PCIe, built-in AHCI named "ide") rather than pc (i440FX, PIIX IDE). */
    final boolean q35;
    /** accel=kvm, from {@code <domain type='kvm'>}. */
    final boolean kvm;
    final List<String> args = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    Ctx(DomainDef def, QemuLaunch launch, boolean q35, boolean kvm) {
        this.def = def;
        this.launch = launch;
        this.q35 = q35;
        this.kvm = kvm;
    }

    void add(String option, Object value) {
        args.add(option);
        args.add(String.valueOf(value));
    }

    void add(String option) {
        args.add(option);
    }

    /** Claims a QEMU id; two devices with one id (say hdc given twice by address) are refused before QEMU sees them. */
    String claim(String id, String element) {
        if (!ids.add(id)) {
            throw Refuse.unsupported("two devices would have the id '%s' (<%s>)", id, element);
        }
        return id;
    }

    /**
     * Refuses the children of a device that Vireo keeps verbatim but cannot put on the command line, except
     * those the driver handles on the host side ({@code ignored}): silently dropping them would start a guest
     * other than the one described.
     */
    static void refuseExtras(DeviceDef device, String element, Set<String> ignored) {
        for (String raw : device.getExtraXml()) {
            String name = Refuse.elementName(raw);
            if (!ignored.contains(name)) {
                throw Refuse.unsupported("<%s> inside <%s> is not supported", name, element);
            }
        }
    }
}
