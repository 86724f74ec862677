package io.vireo.driver.kvm;

import io.vireo.api.NodeInfo;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KvmHostInfoTest {
    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void capabilitiesListX86KvmGuestsOfTheVmm() throws Exception {
        String xml = KvmHostInfo.capabilities(new NodeInfo("x86_64", 8_000_000, 4, 2400, 1, 1, 2, 2),
                "/opt/a&b/bin/vireo-vmm");
        Document doc = parse(xml);
        assertEquals("x86_64", doc.getElementsByTagName("arch").item(0).getTextContent());
        assertEquals("hvm", doc.getElementsByTagName("os_type").item(0).getTextContent());
        assertEquals("x86_64", ((org.w3c.dom.Element) doc.getElementsByTagName("arch").item(1)).getAttribute("name"));
        assertEquals("kvm", ((org.w3c.dom.Element) doc.getElementsByTagName("domain").item(0)).getAttribute("type"));
        assertEquals("/opt/a&b/bin/vireo-vmm", doc.getElementsByTagName("emulator").item(0).getTextContent());
        assertEquals(4, doc.getElementsByTagName("cpu").getLength() - 1, "one <cpu id> per host CPU");
        assertTrue(xml.contains("<guest>\n    <os_type>hvm</os_type>\n    <arch name='x86_64'>"), xml);
        assertTrue(xml.endsWith("</capabilities>\n"));
    }

    @Test
    void thisHostAsVirshShowsIt() throws Exception {
        KvmHostInfo host = new KvmHostInfo(() -> "/opt/vireo/bin/vireo-vmm");
        assertEquals("KVM", host.type());
        assertEquals(1000, host.hypervisorVersion(), "0.1.0");
        assertFalse(host.hostname().isBlank());
        NodeInfo n = host.nodeInfo();
        assertTrue(n.cpus() >= 1 && n.memoryKiB() > 0, n.toString());
        assertEquals("x86_64", n.model());
        parse(host.capabilities());
        assertEquals("", host.securityModel().model());
    }
}
