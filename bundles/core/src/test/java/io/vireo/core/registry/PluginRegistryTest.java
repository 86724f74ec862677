package io.vireo.core.registry;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginRegistryTest {

    @Test
    void highestRankingServesAndRemovalFallsBack() {
        PluginRegistry<String> reg = new PluginRegistry<>("vireo.driver.scheme");
        List<String> seen = new ArrayList<>();
        reg.addListener((e, added) -> seen.add((added ? "+" : "-") + e.service()));
        reg.add("low", Map.of("vireo.driver.scheme", "test", "service.id", 1L));
        reg.add("high", Map.of("vireo.driver.scheme", "test", "service.id", 2L, "service.ranking", 10));
        assertEquals("high", reg.get("test").orElseThrow().service());
        reg.remove("high");
        assertEquals("low", reg.get("test").orElseThrow().service());
        reg.remove("low");
        assertTrue(reg.get("test").isEmpty());
        assertEquals(Set.of(), reg.keys());
        assertEquals(List.of("+low", "+high", "-high", "-low"), seen);
    }

    @Test
    void serviceWithoutKeyIsIgnored() {
        PluginRegistry<String> reg = new PluginRegistry<>("vireo.driver.scheme");
        assertTrue(reg.add("x", Map.of()).isEmpty());
        assertTrue(reg.keys().isEmpty());
    }
}
