package io.vireo.shell.device;

import io.vireo.shell.support.VirtAction.CommandFailure;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The elements attach-disk and attach-interface build, in cases a conformance script cannot pass through
 * Karaf's shell (quotes, control characters). devices.txt compares the ordinary cases with virsh.
 */
class AttachXmlTest {
    private static AttachDiskCommand disk(String source, String target) {
        AttachDiskCommand c = new AttachDiskCommand();
        c.source = source;
        c.target = target;
        return c;
    }

    @Test
    void sourcesAreEscapedAsVirBufferEscapeStringDoesTargetsAreNot() {
        AttachDiskCommand c = disk("/img/it's \"a\" & <b>\u0001.img", "vd'b");
        c.sourcetype = "file";
        assertEquals("<disk type='file'>\n  <source file='/img/it&apos;s &quot;a&quot; &amp; &lt;b&gt;.img'/>\n"
                + "  <target dev='vd'b'/>\n</disk>\n", c.xml());
    }

    @Test
    void aNetworkDiskWithItsHostIndentedOneLevelDeeper() {
        AttachDiskCommand c = disk("pool/vol", "vdc");
        c.sourceProtocol = "rbd";
        c.sourceHostName = "mon1:6789";
        c.driver = "qemu";
        c.subdriver = "raw";
        assertEquals("<disk type='network'>\n  <driver name='qemu' type='raw'/>\n"
                + "  <source protocol='rbd' name='pool/vol'>\n    <host name='mon1' port='6789'/>\n  </source>\n"
                + "  <target dev='vdc'/>\n</disk>\n", c.xml());
    }

    @Test
    void checks() {
        AttachDiskCommand c = disk("/x", "");
        assertEquals("Failed to get option 'target': Option argument is empty",
                assertThrows(CommandFailure.class, c::xml).getMessage());
        c = disk("/x", "vdb");
        c.wwn = "0x5000c50015ea71a";
        assertEquals("internal error: Malformed wwn: 0x5000c50015ea71a",
                assertThrows(CommandFailure.class, c::xml).getMessage());
        assertTrue(AttachDiskCommand.validWwn("5000C50015EA71AC"));
        assertFalse(AttachDiskCommand.validWwn("0x5000c50015ea71acd"));
    }

    @Test
    void ratesAsVirshParsesThem() {
        assertEquals(5L, AttachInterfaceCommand.unsignedLong(" +5"));
        assertNull(AttachInterfaceCommand.unsignedLong("-5"));
        assertNull(AttachInterfaceCommand.unsignedLong("18446744073709551616"));
        assertEquals(-1L, AttachInterfaceCommand.unsignedLong("18446744073709551615"));
        AttachInterfaceCommand c = new AttachInterfaceCommand();
        c.type = "network";
        c.source = "default";
        c.outbound = "18446744073709551615";
        assertEquals("<interface type='network'>\n  <source network='default'/>\n  <bandwidth>\n"
                + "    <outbound average='18446744073709551615'/>\n  </bandwidth>\n</interface>\n", c.xml());
    }
}
