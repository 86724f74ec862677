package io.vireo.driver.support.domain;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.xml.domain.DeviceDef;
import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.DomainDef;
import io.vireo.xml.domain.InterfaceDef;

import java.util.List;
import java.util.UUID;

/**
 * Finding, adding and removing the devices attach-device and detach-device name, with libvirt's rules: a
 * disk is known by its target, an interface by its MAC address (or as the only interface of its type).
 */
final class Devices {
    private Devices() {
    }

    static void checkNew(DomainDef def, DeviceDef device, ErrorDomain domain) {
        if (device instanceof DiskDef disk) {
            if (def.devices().findDisk(disk.getTargetDev()) != null) {
                throw VirtException.of(ErrorCode.OPERATION_FAILED, domain, "target %s already exists",
                        disk.getTargetDev());
            }
        } else if (device instanceof InterfaceDef net) {
            for (InterfaceDef other : def.getInterfaces()) {
                if (net.getMac() != null && net.getMac().equalsIgnoreCase(other.getMac())) {
                    throw VirtException.of(ErrorCode.OPERATION_FAILED, domain, "mac address %s already exists",
                            net.getMac());
                }
            }
        } else {
            throw VirtException.of(ErrorCode.OPERATION_UNSUPPORTED, domain, "attach of device '%s' is not supported",
                    DeviceKind.of(device));
        }
    }

    static void add(DomainDef def, DeviceDef device) {
        if (device instanceof DiskDef disk) {
            def.devices().getDisks().add(disk);
        } else if (device instanceof InterfaceDef net) {
            def.devices().getInterfaces().add(net);
        }
    }

    /** The device of {@code def} that {@code wanted} describes. */
    static DeviceDef find(DomainDef def, DeviceDef wanted, ErrorDomain domain) {
        if (wanted instanceof DiskDef disk) {
            DiskDef found = def.devices().findDisk(disk.getTargetDev());
            if (found == null) {
                throw VirtException.of(ErrorCode.DEVICE_MISSING, domain, "no target device %s", disk.getTargetDev());
            }
            return found;
        }
        if (wanted instanceof InterfaceDef net) {
            List<InterfaceDef> matches = def.getInterfaces().stream()
                    .filter(i -> net.getMac() != null ? net.getMac().equalsIgnoreCase(i.getMac())
                            : net.getType() == null || net.getType().equals(i.getType()))
                    .toList();
            if (matches.isEmpty()) {
                throw VirtException.of(ErrorCode.DEVICE_MISSING, domain, "no matching network device was found");
            }
            if (matches.size() > 1) {
                throw VirtException.of(ErrorCode.OPERATION_FAILED, domain,
                        "multiple devices matching MAC address %s found", net.getMac());
            }
            return matches.get(0);
        }
        throw VirtException.of(ErrorCode.OPERATION_UNSUPPORTED, domain, "detach of device '%s' is not supported",
                DeviceKind.of(wanted));
    }

    static boolean remove(DomainDef def, DeviceDef device) {
        return def.devices().getDisks().removeIf(d -> d == device)
                | def.devices().getInterfaces().removeIf(i -> i == device);
    }

    /** A deep copy, so that the live and the persistent definition never share a device. */
    static DeviceDef copy(DeviceDef device) {
        DomainDef holder = new DomainDef();
        holder.setType("none");
        holder.setName("device-copy");
        holder.setUuid(UUID.randomUUID());
        holder.setMemoryKiB(1024);
        holder.os().setType("hvm");
        add(holder, device);
        DomainDef copy = holder.copy();
        return device instanceof DiskDef ? copy.getDisks().get(0) : copy.getInterfaces().get(0);
    }
}
