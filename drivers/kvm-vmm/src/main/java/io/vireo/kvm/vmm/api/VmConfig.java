package io.vireo.kvm.vmm.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one VMM process runs. Built from command-line arguments (see {@link #usage()}) so the
 * KVM driver can spawn the VMM as a process, and turned back into arguments with {@link #toArgs()}.
 */
public record VmConfig(Path kernel, Path initrd, String cmdline, int memoryMib, int vcpus, Path serialLog,
                       Path monitorSocket, String console, boolean restartOnReboot, List<Disk> disks, boolean rng,
                       boolean balloon, List<Nic> nics) {

    /**
     * A virtio-net interface on a tap: {@code --net tap=NAME[,mac=MAC][,netns=NS][,bridge=BR]}. With {@code netns}
     * the tap is made in the named network namespace (/run/netns/NS) instead of the VMM's own; with {@code bridge}
     * it must be new (an existing interface of that name is refused), is brought up and becomes a port of bridge
     * BR. The tap lives as long as the VMM holds it open.
     */
    public record Nic(String tap, String mac, String netns, String bridge) {
        private static final String IFNAME = "[A-Za-z0-9_.-]{1,15}";

        public Nic {
            if (tap == null || tap.isEmpty() || tap.length() > 15 || !tap.matches("[A-Za-z0-9_.%-]+")) {
                throw new IllegalArgumentException("--net tap= needs an interface name of 1-15 characters");
            }
            if (mac == null) {
                int h = tap.hashCode();
                mac = String.format("52:54:00:%02x:%02x:%02x", (h >> 16) & 0xff, (h >> 8) & 0xff, h & 0xff);
            }
            if (!mac.matches("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}") || (Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) {
                throw new IllegalArgumentException("--net mac= must be a unicast MAC address like 52:54:00:12:34:56");
            }
            if (netns != null && (!netns.matches("[A-Za-z0-9_.-]{1,255}") || netns.matches("\\.+"))) {
                throw new IllegalArgumentException("--net netns= needs a namespace name as in /run/netns");
            }
            if (bridge != null && !bridge.matches(IFNAME)) {
                throw new IllegalArgumentException("--net bridge= needs an interface name of 1-15 characters");
            }
        }

        public Nic(String tap, String mac) {
            this(tap, mac, null, null);
        }

        public static Nic parse(String spec) {
            String tap = null;
            String mac = null;
            String netns = null;
            String bridge = null;
            for (String p : spec.split(",", -1)) {
                if (p.startsWith("tap=")) {
                    tap = p.substring(4);
                } else if (p.startsWith("mac=")) {
                    mac = p.substring(4);
                } else if (p.startsWith("netns=")) {
                    netns = p.substring(6);
                } else if (p.startsWith("bridge=")) {
                    bridge = p.substring(7);
                } else {
                    throw new IllegalArgumentException("unknown --net option '" + p
                            + "' (tap=NAME, mac=MAC, netns=NS, bridge=BR)");
                }
            }
            return new Nic(tap, mac, netns, bridge);
        }

        public byte[] macBytes() {
            byte[] b = new byte[6];
            for (int i = 0; i < 6; i++) {
                b[i] = (byte) Integer.parseInt(mac.substring(3 * i, 3 * i + 2), 16);
            }
            return b;
        }

        public String toArg() {
            return "tap=" + tap + ",mac=" + mac + (netns == null ? "" : ",netns=" + netns)
                    + (bridge == null ? "" : ",bridge=" + bridge);
        }
    }

    /** A virtio-blk disk: {@code --disk PATH[,readonly][,serial=ID]} (a raw image file). */
    public record Disk(Path path, boolean readOnly, String serial) {
        public Disk {
            if (path == null) {
                throw new IllegalArgumentException("--disk needs a path");
            }
            if (serial != null && (serial.length() > 20 || !serial.matches("[\\x21-\\x7e]*") || serial.contains(","))) {
                throw new IllegalArgumentException("--disk serial must be up to 20 printable characters without commas");
            }
        }

        public static Disk parse(String spec) {
            String[] parts = spec.split(",", -1);
            boolean ro = false;
            String serial = null;
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].equals("readonly")) {
                    ro = true;
                } else if (parts[i].startsWith("serial=")) {
                    serial = parts[i].substring("serial=".length());
                } else {
                    throw new IllegalArgumentException("unknown --disk option '" + parts[i] + "' (readonly, serial=ID)");
                }
            }
            if (parts[0].isEmpty()) {
                throw new IllegalArgumentException("--disk needs a path");
            }
            return new Disk(Path.of(parts[0]), ro, serial);
        }

        public String toArg() {
            return path + (readOnly ? ",readonly" : "") + (serial != null ? ",serial=" + serial : "");
        }
    }

    /** Without virtio devices (the form callers used before disks existed). */
    public VmConfig(Path kernel, Path initrd, String cmdline, int memoryMib, int vcpus, Path serialLog,
                    Path monitorSocket, String console, boolean restartOnReboot) {
        this(kernel, initrd, cmdline, memoryMib, vcpus, serialLog, monitorSocket, console, restartOnReboot, List.of(),
                false, false, List.of());
    }

    public static final String DEFAULT_CMDLINE =
            "console=ttyS0 reboot=k panic=-1 pci=off i8042.noaux i8042.nomux i8042.nopnp i8042.dumbkbd";

    public VmConfig {
        if (kernel == null) {
            throw new IllegalArgumentException("--kernel is required");
        }
        if (memoryMib < 16 || memoryMib > 2047) {
            throw new IllegalArgumentException("--memory-mib must be 16..2047");
        }
        if (vcpus < 1 || vcpus > 64) {
            throw new IllegalArgumentException("--vcpus must be 1..64");
        }
        disks = disks == null ? List.of() : List.copyOf(disks);
        nics = nics == null ? List.of() : List.copyOf(nics);
        if (!console.equals("stdio") && !console.equals("pty") && !console.equals("none")
                && !console.startsWith("socket:")) {
            throw new IllegalArgumentException("--console must be stdio, pty, none or socket:PATH");
        }
    }

    public static String usage() {
        return "usage: vireo-vmm --kernel BZIMAGE [--initrd FILE] [--cmdline STRING] [--memory-mib N] [--vcpus N]\n"
                + "                 [--serial-log FILE] [--monitor-socket PATH] [--console stdio|pty|none|socket:PATH]\n"
                + "                 [--on-reboot exit|restart] [--disk PATH[,readonly][,serial=ID]]... [--rng]\n"
                + "                 [--balloon] [--net tap=NAME[,mac=MAC][,netns=NS][,bridge=BR]]...";
    }

    public static VmConfig fromArgs(String[] args) {
        Path kernel = null;
        Path initrd = null;
        Path log = null;
        Path mon = null;
        String cmdline = DEFAULT_CMDLINE;
        String console = "stdio";
        int mem = 256;
        int vcpus = 1;
        boolean restart = false;
        boolean rng = false;
        boolean balloon = false;
        List<Disk> disks = new ArrayList<>();
        List<Nic> nics = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--rng")) {
                rng = true;
                continue;
            }
            if (a.equals("--balloon")) {
                balloon = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--kernel": kernel = Path.of(v); break;
                case "--initrd": initrd = Path.of(v); break;
                case "--cmdline": cmdline = v; break;
                case "--memory-mib": mem = Integer.parseInt(v); break;
                case "--vcpus": vcpus = Integer.parseInt(v); break;
                case "--serial-log": log = Path.of(v); break;
                case "--monitor-socket": mon = Path.of(v); break;
                case "--console": console = v; break;
                case "--disk": disks.add(Disk.parse(v)); break;
                case "--net": nics.add(Nic.parse(v)); break;
                case "--on-reboot":
                    if (!v.equals("exit") && !v.equals("restart")) {
                        throw new IllegalArgumentException("--on-reboot must be exit or restart");
                    }
                    restart = v.equals("restart");
                    break;
                default: throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new VmConfig(kernel, initrd, cmdline, mem, vcpus, log, mon, console, restart, disks, rng, balloon, nics);
    }

    public List<String> toArgs() {
        List<String> l = new ArrayList<>(List.of("--kernel", kernel.toString(), "--cmdline", cmdline,
                "--memory-mib", Integer.toString(memoryMib), "--vcpus", Integer.toString(vcpus),
                "--console", console, "--on-reboot", restartOnReboot ? "restart" : "exit"));
        if (initrd != null) {
            l.addAll(List.of("--initrd", initrd.toString()));
        }
        if (serialLog != null) {
            l.addAll(List.of("--serial-log", serialLog.toString()));
        }
        if (monitorSocket != null) {
            l.addAll(List.of("--monitor-socket", monitorSocket.toString()));
        }
        for (Disk d : disks) {
            l.addAll(List.of("--disk", d.toArg()));
        }
        for (Nic n : nics) {
            l.addAll(List.of("--net", n.toArg()));
        }
        if (rng) {
            l.add("--rng");
        }
        if (balloon) {
            l.add("--balloon");
        }
        return l;
    }
}
