package io.vireo.kvm.vmm;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.vireo.kvm.vmm.api.Json;
import io.vireo.kvm.vmm.api.VmConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The training run behind the VMM's class-data-sharing archive (bin/vireo-vmm builds it once per
 * VMM/JNA jar pair into its cache directory): {@code java -XX:DumpLoadedClassList=... -cp VMM:JNA
 * io.vireo.kvm.vmm.CdsTraining DIR}. It copies JNA's native library into DIR (the launcher then points
 * {@code jna.boot.library.path} there, so no VMM start unpacks it again) and boots a built-in guest of a
 * few instructions twice, the way the KVM driver and the bench start the VMM: console on stdio, then on
 * a socket with a serial log, each with a monitor that a client asks for status and statistics before
 * it quits. The guest reads the RTC, prints a line on COM1 and halts. The classes this loads are the VMM's start path.
 * Exit status 0 when both boots went through.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: CdsTraining DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Thread watchdog = new Thread("training-watchdog") {
            @Override
            public void run() {
                try {
                    Thread.sleep(Long.getLong("vireo.vmm.training.timeout.s", 600) * 1000);
                } catch (InterruptedException e) {
                    return;
                }
                System.err.println("vireo-vmm: training timed out");
                Runtime.getRuntime().halt(4);
            }
        };
        watchdog.setDaemon(true);
        watchdog.start();
        Main.processDefaults();
        Path lib = unpackJnaLibrary(dir);
        System.setProperty("jna.boot.library.path", lib.getParent().toString());
        System.setProperty("jna.nounpack", "true");
        Path kernel = dir.resolve("training-kernel." + ProcessHandle.current().pid());
        Files.write(kernel, kernel());
        int status;
        try {
            int a = boot(dir, kernel, "stdio", false);
            int b = a != 0 ? a : boot(dir, kernel, "socket:" + dir.resolve("training-console." + ProcessHandle.current().pid()), true);
            status = a == 0 && b == 0 ? 0 : 3;
        } finally {
            Files.deleteIfExists(kernel);
        }
        System.exit(status);
    }

    /** Copies the jnidispatch library of the JNA on the class path into {@code dir} (atomically). */
    static Path unpackJnaLibrary(Path dir) throws IOException {
        String name = System.mapLibraryName("jnidispatch");
        Path target = dir.resolve(name);
        Path tmp = dir.resolve(name + ".tmp." + ProcessHandle.current().pid());
        try (InputStream in = Native.class.getResourceAsStream("/com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + name)) {
            if (in == null) {
                throw new IOException("no " + name + " for " + Platform.RESOURCE_PREFIX + " in the JNA jar");
            }
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static int boot(Path dir, Path kernel, String console, boolean log) throws Exception {
        long pid = ProcessHandle.current().pid();
        Path monitor = dir.resolve("training-monitor." + pid);
        Path serialLog = dir.resolve("training-serial." + pid);
        String[] args = log
                ? new String[] {"--kernel", kernel.toString(), "--memory-mib", "16", "--console", console,
                    "--monitor-socket", monitor.toString(), "--serial-log", serialLog.toString()}
                : new String[] {"--kernel", kernel.toString(), "--memory-mib", "16", "--console", console,
                    "--monitor-socket", monitor.toString()};
        VmConfig cfg = VmConfig.fromArgs(args);
        Throwable[] clientError = {null};
        Thread client = new Thread("training-client") {
            @Override
            public void run() {
                try {
                    drive(monitor);
                } catch (Exception | Error e) {
                    clientError[0] = e;
                    System.err.println("vireo-vmm: training client: " + e);
                    Runtime.getRuntime().halt(3);
                }
            }
        };
        client.setDaemon(true);
        client.start();
        int status = Main.run(cfg);
        client.join(10_000);
        Files.deleteIfExists(serialLog);
        return clientError[0] == null ? status : 3;
    }

    /** A monitor client as the KVM driver is one: greeting, status, statistics until the guest has printed, quit. */
    static void drive(Path monitor) throws Exception {
        try (SocketChannel c = connect(monitor)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(c);
            in.readLine(); // greeting
            request(in, out, "query-status");
            while (true) {
                Map<String, Object> stats = request(in, out, "query-stats");
                Object tx = stats.get("serial_tx_bytes");
                if (tx instanceof Number && ((Number) tx).longValue() >= LINE.length) {
                    break;
                }
                Thread.sleep(20);
            }
            out.write("{\"execute\":\"quit\"}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                in.readLine(); // the reply, unless the VMM closed the socket first
            } catch (IOException ignored) {
                // quitting
            }
        }
    }

    /** Connects once the monitor listens (its socket file appears at bind, a moment before it listens). */
    private static SocketChannel connect(Path monitor) throws Exception {
        for (int i = 0; ; i++) {
            SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                c.connect(UnixDomainSocketAddress.of(monitor));
                return c;
            } catch (IOException e) {
                c.close();
                if (i > 6000) {
                    throw new IOException("cannot connect to the monitor " + monitor + ": " + e);
                }
            }
            Thread.sleep(50);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> request(BufferedReader in, OutputStream out, String cmd) throws IOException {
        out.write(("{\"execute\":\"" + cmd + "\"}\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("monitor closed");
            }
            Map<String, Object> m = Json.parseObject(line);
            if (m.containsKey("error")) {
                throw new IOException(cmd + ": " + line);
            }
            if (m.containsKey("return")) {
                Object r = m.get("return");
                return r instanceof Map ? (Map<String, Object>) r : Map.of();
            }
            // an event: read on
        }
    }

    static final byte[] LINE = "vireo-vmm training\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * CMOS registers the guest reads before it prints, as Linux does early in its boot: status B, then
     * seconds, day of week and century, so the RTC's java.time classes are in the archive (a probe boot
     * loaded 14 of them from the JDK's module image, outside the archive, before this).
     */
    static final byte[] RTC_REGISTERS = {0x0b, 0x00, 0x06, 0x32};

    /**
     * A bzImage the VMM boots: a setup header (boot protocol 2.15, 64-bit entry) and, at the 64-bit
     * entry, code that reads the RTC ({@link #RTC_REGISTERS}), writes {@link #LINE} to COM1 and halts with
     * interrupts off.
     */
    static byte[] kernel() {
        ByteBuffer code = ByteBuffer.allocate(256);
        for (byte r : RTC_REGISTERS) {
            code.put(new byte[] {(byte) 0xb0, r, (byte) 0xe6, 0x70});  // mov al, r; out 0x70, al
            code.put(new byte[] {(byte) 0xe4, 0x71});                  // in al, 0x71
        }
        code.put(new byte[] {0x66, (byte) 0xba, (byte) 0xf8, 0x03});  // mov dx, 0x3f8
        for (byte b : LINE) {
            code.put(new byte[] {(byte) 0xb0, b, (byte) 0xee});        // mov al, b; out dx, al
        }
        code.put(new byte[] {(byte) 0xfa, (byte) 0xf4, (byte) 0xeb, (byte) 0xfd}); // cli; hlt; jmp hlt
        ByteBuffer f = ByteBuffer.allocate(1024 + 0x200 + code.position()).order(ByteOrder.LITTLE_ENDIAN);
        f.put(0x1f1, (byte) 1);                 // setup_sects: the setup is 2 sectors
        f.putShort(0x1fe, (short) 0xaa55);      // boot_flag
        f.put(0x200, (byte) 0xeb);              // jump over the header ...
        f.put(0x201, (byte) 0x66);              // ... which ends at 0x268
        f.putInt(0x202, 0x53726448);            // "HdrS"
        f.putShort(0x206, (short) 0x020f);      // version 2.15
        f.put(0x211, (byte) 0x01);              // loadflags: LOADED_HIGH
        f.putInt(0x22c, 0x37ffffff);            // initrd_addr_max
        f.putShort(0x236, (short) 0x0001);      // xloadflags: XLF_KERNEL_64
        f.putInt(0x238, 2047);                  // cmdline_size
        f.putInt(0x260, 0x1000);                // init_size
        f.position(1024 + 0x200);               // the 64-bit entry: 0x200 into the protected-mode part
        f.put(code.array(), 0, code.position());
        return f.array();
    }
}
