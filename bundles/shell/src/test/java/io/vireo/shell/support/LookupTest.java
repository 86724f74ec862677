package io.vireo.shell.support;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LookupTest {
    @Test
    void idsAsVirshReadsThem() {
        assertEquals(1, Lookup.id("1"));
        assertEquals(1, Lookup.id("+1"));
        assertEquals(1, Lookup.id(" 01"));
        assertNull(Lookup.id("-1"));
        assertNull(Lookup.id("1 "));
        assertNull(Lookup.id("test"));
        assertNull(Lookup.id("99999999999"));
    }

    @Test
    void uuidsOnlyFrom36Characters() {
        UUID u = UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f");
        assertEquals(u, Lookup.uuid("6695eb01-f6a4-8304-79aa-97f2502e193f"));
        assertEquals(u, Lookup.uuid("6695EB01-F6A4-8304-79AA-97F2502E193F"));
        assertEquals(u, Lookup.uuid("6695eb01f6a4830479aa97f2502e193f----"), "dashes anywhere, as virUUIDParse");
        assertNull(Lookup.uuid("6695eb01f6a4830479aa97f2502e193f"), "32 characters: virsh does not try it");
        assertNull(Lookup.uuid("6695eb01-f6a4-8304-79aa-97f2502e193g"));
    }
}
