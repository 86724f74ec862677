package io.vireo.driver.support.host;

import io.vireo.api.NodeInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinuxHostTest {
    private static List<String> cpuinfo(int sockets, int coresPerSocket, int threadsPerCore) {
        List<String> lines = new ArrayList<>();
        int n = 0;
        for (int s = 0; s < sockets; s++) {
            for (int c = 0; c < coresPerSocket; c++) {
                for (int t = 0; t < threadsPerCore; t++) {
                    lines.addAll(List.of("processor\t: " + n++, "model name\t: Some CPU", "cpu MHz\t\t: 2499.998",
                            "physical id\t: " + s, "core id\t\t: " + c, ""));
                }
            }
        }
        return lines;
    }

    @Test
    void topologyFromCpuinfo() {
        NodeInfo n = LinuxHost.nodeInfo(cpuinfo(2, 4, 2), List.of("MemTotal:       16318436 kB", "MemFree: 1 kB"),
                "x86_64");
        assertEquals(new NodeInfo("x86_64", 16318436, 16, 2500, 1, 2, 4, 2), n);
    }

    @Test
    void withoutTopologyLinesEveryCpuIsACore() {
        NodeInfo n = LinuxHost.nodeInfo(List.of("processor : 0", "processor : 1"), List.of("MemTotal: 1024 kB"), "x86_64");
        assertEquals(new NodeInfo("x86_64", 1024, 2, 0, 1, 1, 2, 1), n);
    }

    @Test
    void thisHost() {
        NodeInfo n = LinuxHost.nodeInfo();
        assertTrue(n.cpus() >= 1 && n.memoryKiB() > 0, n.toString());
        assertEquals(n.cpus(), n.sockets() * n.cores() * n.threads(), n.toString());
        assertTrue(!LinuxHost.hostname().isBlank());
    }
}
