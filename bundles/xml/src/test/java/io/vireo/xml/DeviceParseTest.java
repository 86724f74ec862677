package io.vireo.xml;

import io.vireo.api.ErrorCode;
import io.vireo.api.VirtException;
import io.vireo.xml.domain.DeviceDef;
import io.vireo.xml.domain.DiskDef;
import io.vireo.xml.domain.InterfaceDef;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeviceParseTest {
    @Test
    void oneDiskAsAttachDeviceTakesIt() {
        DeviceDef d = VireoXml.parseDevice("<?xml version='1.0'?>\n<disk type='file' device='disk'>"
                + "<driver name='qemu' type='raw'/><source file='/var/lib/images/a.img'/>"
                + "<target dev='vdb' bus='virtio'/></disk>");
        DiskDef disk = assertInstanceOf(DiskDef.class, d);
        assertEquals("vdb", disk.getTargetDev());
        assertEquals("/var/lib/images/a.img", disk.getSourceFile());
    }

    @Test
    void oneInterface() {
        InterfaceDef net = assertInstanceOf(InterfaceDef.class, VireoXml.parseDevice(
                "<interface type='ethernet'><mac address='52:54:00:aa:bb:cc'/><target dev='tap7'/>"
                        + "<model type='virtio'/></interface>"));
        assertEquals("52:54:00:aa:bb:cc", net.getMac());
        assertEquals("tap7", net.getTargetDev());
    }

    @Test
    void refusesNothingTwoOrUnknown() {
        assertEquals(ErrorCode.XML_ERROR, assertThrows(VirtException.class, () -> VireoXml.parseDevice("<foo/>")).code());
        assertEquals(ErrorCode.XML_ERROR, assertThrows(VirtException.class,
                () -> VireoXml.parseDevice("<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>"
                        + "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>")).code());
        assertThrows(VirtException.class, () -> VireoXml.parseDevice("<disk type='file'><target dev='vdb'/>"));
        assertThrows(VirtException.class, () -> VireoXml.parseDevice("<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><disk>&e;</disk>"));
    }
}
