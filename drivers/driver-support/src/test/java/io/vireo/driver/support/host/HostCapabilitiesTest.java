package io.vireo.driver.support.host;

import io.vireo.api.NodeInfo;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostCapabilitiesTest {
    @Test
    void hostAndGuestsAsLibvirtWritesThem() throws Exception {
        String xml = HostCapabilities.document(new NodeInfo("x86_64", 8_000_000, 4, 2400, 1, 1, 2, 2),
                "0e8a7c4e-0000-4000-8000-000000000001", List.of(new HostCapabilities.Guest("x86_64", "/opt/a&b/qemu",
                        List.of("pc", "q35"), List.of("qemu", "kvm"), List.of("<acpi default='on' toggle='yes'/>"))));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals("0e8a7c4e-0000-4000-8000-000000000001", doc.getElementsByTagName("uuid").item(0).getTextContent());
        assertEquals("x86_64", doc.getElementsByTagName("arch").item(0).getTextContent());
        assertEquals(4, doc.getElementsByTagName("cpu").getLength() - 1, "one <cpu id> per host CPU");
        assertEquals("/opt/a&b/qemu", doc.getElementsByTagName("emulator").item(0).getTextContent());
        assertEquals(2, doc.getElementsByTagName("machine").getLength());
        assertEquals("kvm", ((Element) doc.getElementsByTagName("domain").item(1)).getAttribute("type"));
        assertTrue(xml.contains("<guest>\n    <os_type>hvm</os_type>\n    <arch name='x86_64'>"), xml);
        assertTrue(xml.endsWith("</capabilities>\n"));
    }

    @Test
    void theHostUuidIsStable() {
        assertEquals(HostCapabilities.hostUuid(), HostCapabilities.hostUuid());
        assertTrue(HostCapabilities.hostUuid().matches("[0-9a-f-]{36}"));
    }
}
