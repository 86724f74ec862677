package io.vireo.driver.support.host;

import io.vireo.api.NodeInfo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Facts about the Linux host that drivers of real guests report: its name and its CPUs and memory. */
public final class LinuxHost {
    private LinuxHost() {
    }

    /** The host's name as libvirt reports it: the kernel's hostname, made canonical when it has no domain. */
    public static String hostname() {
        String name;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            name = "localhost";
        }
        if (name.contains(".")) {
            return name;
        }
        try {
            String canonical = InetAddress.getByName(name).getCanonicalHostName();
            return canonical.startsWith("localhost") || canonical.matches("[0-9.:]+") ? name : canonical;
        } catch (IOException e) {
            return name;
        }
    }

    /** virNodeInfo from /proc/cpuinfo and /proc/meminfo, as libvirt fills it on Linux. */
    public static NodeInfo nodeInfo() {
        try {
            return nodeInfo(Files.readAllLines(Path.of("/proc/cpuinfo")), Files.readAllLines(Path.of("/proc/meminfo")),
                    System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc: " + e.getMessage(), e);
        }
    }

    static NodeInfo nodeInfo(List<String> cpuinfo, List<String> meminfo, String arch) {
        int cpus = 0;
        int mhz = 0;
        Set<String> sockets = new HashSet<>();
        Set<String> cores = new HashSet<>();
        String socket = "0";
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "processor" -> cpus++;
                case "cpu MHz" -> mhz = mhz == 0 ? (int) Math.round(Double.parseDouble(value)) : mhz;
                case "physical id" -> {
                    socket = value;
                    sockets.add(value);
                }
                case "core id" -> cores.add(socket + "/" + value);
                default -> { }
            }
        }
        long memKiB = 0;
        for (String line : meminfo) {
            if (line.startsWith("MemTotal:")) {
                memKiB = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        cpus = Math.max(cpus, 1);
        int socketCount = Math.max(sockets.size(), 1);
        int coreCount = cores.isEmpty() ? cpus : cores.size();
        int coresPerSocket = Math.max(coreCount / socketCount, 1);
        int threads = Math.max(cpus / (socketCount * coresPerSocket), 1);
        return new NodeInfo(arch, memKiB, cpus, mhz, 1, socketCount, coresPerSocket, threads);
    }
}
