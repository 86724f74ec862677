package io.vireo.driver.qemu;

import io.vireo.api.ErrorCode;
import io.vireo.api.VirtException;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QemuHostInfoTest {
    private final QemuHostInfo host = new QemuHostInfo(new QemuBackend("/usr/bin/qemu-system-x86_64", 3));

    private static void wellFormed(String xml) throws Exception {
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void capabilitiesNameTheEmulatorMachinesAndDomainTypes() throws Exception {
        String caps = host.capabilities();
        wellFormed(caps);
        assertTrue(caps.contains("<emulator>/usr/bin/qemu-system-x86_64</emulator>"), caps);
        assertTrue(caps.contains("<machine maxCpus='255'>q35</machine>") && caps.contains("<domain type='qemu'/>"), caps);
        assertEquals(QemuBackend.kvmAvailable(), caps.contains("<domain type='kvm'/>"));
        assertEquals("QEMU", host.type());
    }

    @Test
    void domainCapabilitiesForVirtInstallAndTheirRefusals() throws Exception {
        String dc = host.domainCapabilities(null, "x86_64", "q35", "qemu", 0);
        wellFormed(dc);
        assertTrue(dc.contains("<machine>q35</machine>") && dc.contains("<domain>qemu</domain>"), dc);
        assertEquals(ErrorCode.INVALID_ARG, assertThrows(VirtException.class,
                () -> host.domainCapabilities(null, "aarch64", null, "qemu", 0)).code());
        assertEquals(ErrorCode.INVALID_ARG, assertThrows(VirtException.class,
                () -> host.domainCapabilities("/usr/bin/other", null, null, null, 0)).code());
        assertEquals(ErrorCode.INVALID_ARG, assertThrows(VirtException.class,
                () -> host.domainCapabilities(null, null, null, "qemu", 4)).code());
    }

    @Test
    void theVersionComesFromTheEmulator() {
        long v = host.hypervisorVersion();
        assertTrue(v >= 2_000_000, "qemu-system-x86_64 --version, as libvirt numbers it: " + v);
    }
}
