package io.vireo.shell.support;

import io.vireo.shell.domain.DumpxmlCommand;
import io.vireo.shell.storage.VolCreateAsCommand;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirshParserTest {
    @Test
    void optionsOfACommandAndItsBase() {
        Map<String, Boolean> options = VirshParser.options(VolCreateAsCommand.class);
        assertTrue(options.get("--allocation"));
        assertFalse(options.get("--print-xml"));
        assertTrue(options.get("--connect"), "inherited from VirtAction");
        assertTrue(options.get("-c"), "aliases too");
        assertFalse(options.get("--readonly"));
    }

    @Test
    void optionsAfterArgumentsMoveInFront() {
        Map<String, Boolean> options = VirshParser.options(DumpxmlCommand.class);
        assertEquals(List.of("virt:dumpxml", "--inactive", "vm1"),
                VirshParser.reorder(new String[] {"virt:dumpxml", "vm1", "--inactive"}, options));
    }

    @Test
    void valuesTravelWithTheirOptions() {
        Map<String, Boolean> options = VirshParser.options(VolCreateAsCommand.class);
        assertEquals(List.of("virt:vol-create-as", "--allocation", "100M", "--format", "qcow2", "pool", "v", "1G"),
                VirshParser.reorder(new String[] {"virt:vol-create-as", "pool", "v", "1G", "--allocation", "100M",
                    "--format", "qcow2"}, options));
        assertEquals(List.of("virt:vol-create-as", "--allocation=100M", "pool", "v", "1G"),
                VirshParser.reorder(new String[] {"virt:vol-create-as", "pool", "--allocation=100M", "v", "1G"},
                    options));
    }

    @Test
    void unknownOptionsMoveSoThatKarafNamesThem() {
        Map<String, Boolean> options = VirshParser.options(DumpxmlCommand.class);
        assertEquals(List.of("virt:dumpxml", "--bogus", "vm1"),
                VirshParser.reorder(new String[] {"virt:dumpxml", "vm1", "--bogus"}, options));
    }

    @Test
    void wordsWithOneDashStayArguments() {
        Map<String, Boolean> options = VirshParser.options(DumpxmlCommand.class);
        assertEquals(List.of("virt:setmem", "vm1", "-5"),
                VirshParser.reorder(new String[] {"virt:setmem", "vm1", "-5"}, options));
        assertEquals(List.of("virt:setmem", "--", "vm1"),
                VirshParser.reorder(new String[] {"virt:setmem", "--", "vm1"}, options));
    }
}
