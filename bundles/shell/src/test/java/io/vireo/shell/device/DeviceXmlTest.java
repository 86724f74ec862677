package io.vireo.shell.device;

import io.vireo.shell.support.VirtAction.CommandFailure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Finding devices in a domain document and writing them back as virsh (libxml2) does. */
class DeviceXmlTest {
    private static final String DOC = """
            <domain type='test'>
              <name>vm1</name>
              <devices>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='/img/caf\u00e9 &apos;1&apos; &quot;a&amp;b&quot;.qcow2'/>
                  <backingStore type='file'>
                    <format type='raw'/>
                    <source file='/img/base.raw'/>
                  </backingStore>
                  <target dev='vda' bus='virtio'/>
                  <serial>caf\u00e9 &lt;1&gt; &amp; 'x' "y"</serial>
                  <!-- a comment -->
                </disk>
                <disk type='network' device='disk'>
                  <source protocol='rbd' name='pool/vol'>
                    <host name='mon1' port='6789'/>
                  </source>
                  <target dev='vdb' bus='virtio'></target>
                </disk>
                <interface type='bridge'>
                  <mac address='52:54:00:0a:0b:0c'/>
                </interface>
              </devices>
            </domain>
            """;

    @Test
    void devicesInDocumentOrder() {
        assertEquals(2, DeviceXml.devices(DOC, "disk").size());
        assertEquals(List.of("bridge"), DeviceXml.devices(DOC, "interface").stream().map(e -> e.attribute("type"))
                .toList());
        assertEquals(List.of(), DeviceXml.devices("<network><devices><disk/></devices></network>", "disk"));
    }

    @Test
    void theDiskAsVirshWritesItWithoutItsBackingStore() {
        assertEquals("<disk type=\"file\" device=\"disk\">\n"
                + "      <driver name=\"qemu\" type=\"qcow2\"/>\n"
                + "      <source file=\"/img/caf&#xE9; '1' &quot;a&amp;b&quot;.qcow2\"/>\n"
                + "      \n"
                + "      <target dev=\"vda\" bus=\"virtio\"/>\n"
                + "      <serial>caf\u00e9 &lt;1&gt; &amp; 'x' \"y\"</serial>\n"
                + "      <!-- a comment -->\n"
                + "    </disk>", DeviceXml.write(DetachDiskCommand.findDisk(DOC, "vda")));
    }

    @Test
    void disksAreFoundByTargetOrSourceAndEmptyElementsAreWrittenShort() {
        assertEquals("<disk type=\"network\" device=\"disk\">\n"
                + "      <source protocol=\"rbd\" name=\"pool/vol\">\n"
                + "        <host name=\"mon1\" port=\"6789\"/>\n"
                + "      </source>\n"
                + "      <target dev=\"vdb\" bus=\"virtio\"/>\n"
                + "    </disk>", DeviceXml.write(DetachDiskCommand.findDisk(DOC, "pool/vol")));
        assertEquals("vdb", DetachDiskCommand.findDisk(DOC, "vdb").childAttribute("target", "dev"));
        assertEquals("No disk found whose source path or target is /img/base.raw",
                assertThrows(CommandFailure.class, () -> DetachDiskCommand.findDisk(DOC, "/img/base.raw"))
                        .getMessage());
        assertEquals("Failed to get disk information", assertThrows(CommandFailure.class,
                () -> DetachDiskCommand.findDisk("<domain><devices/></domain>", "vda")).getMessage());
        assertEquals("Failed to get disk information", assertThrows(CommandFailure.class,
                () -> DetachDiskCommand.findDisk("<domain>", "vda")).getMessage());
    }

    @Test
    void noDtdsNoEntities() {
        String evil = "<!DOCTYPE domain [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain><devices>"
                + "<disk><source file='&x;'/><target dev='vda'/></disk></devices></domain>";
        assertThrows(IllegalArgumentException.class, () -> DeviceXml.devices(evil, "disk"));
    }

    @Test
    void attributeAndTextEscapes() {
        assertEquals("a&lt;&gt;&amp;&quot;'&#10;&#13;&#9;&#xE9;&#x1F600;",
                DeviceXml.escapeAttribute("a<>&\"'\n\r\t\u00e9\uD83D\uDE00"));
        assertEquals("a&lt;&gt;&amp;\"'\n&#13;\t\u00e9", DeviceXml.escapeText("a<>&\"'\n\r\t\u00e9"));
    }

    @Test
    void macAddressesComparedAsLibvirtDoes() {
        assertEquals(0, DeviceXml.compareMac("52:54:00:0a:0b:0c", "52:54:00:0A:0B:0C"));
        assertEquals(0, DeviceXml.compareMac("52:54:00:0a:0b:0c", "52:54:0:a:b:c"));
        assertNotEquals(0, DeviceXml.compareMac("52:54:00:0a:0b:0c", "52:54:00:0a:0b:0d"));
        assertNotEquals(0, DeviceXml.compareMac("52:54:00:0a:0b:0c", "52:54:00:0a:0b"));
    }
}
