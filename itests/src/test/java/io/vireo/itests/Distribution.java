package io.vireo.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The distribution unpacked and run as a user runs it: {@code bin/karaf server} as a child process of the
 * test (so the test can wait for it and never leaves it behind), commands through {@code bin/client}.
 */
final class Distribution implements AutoCloseable {
    static final String JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64";

    final Path home;
    final int sshPort = VireoTestSupport.freePort();
    final int rmiRegistryPort = VireoTestSupport.freePort();
    final int rmiServerPort = VireoTestSupport.freePort();
    /** libvirt RPC over TCP: a port of its own, so that distributions under test never meet on 16509. */
    final int rpcPort = VireoTestSupport.freePort();
    private Process karaf;

    Distribution(Path workDir) throws IOException, InterruptedException {
        deleteTree(workDir);
        Files.createDirectories(workDir);
        run(workDir, List.of("tar", "xzf", System.getProperty("vireo.distribution")), 120);
        try (Stream<Path> s = Files.list(workDir)) {
            home = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        setProperty("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort));
        setProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(rmiRegistryPort));
        setProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(rmiServerPort));
        setProperty("etc/io.vireo.daemon.cfg", "tcp_port", Integer.toString(rpcPort));
    }

    /** Karaf's JMX RMI connector on this distribution's ports (log in as karaf/karaf). */
    String jmxUrl() {
        return "service:jmx:rmi://127.0.0.1:" + rmiServerPort + "/jndi/rmi://127.0.0.1:" + rmiRegistryPort + "/karaf-root";
    }

    /** Sets {@code key = value} in a Karaf .cfg file, replacing an existing line for the key. */
    void setProperty(String file, String key, String value) throws IOException {
        Path cfg = home.resolve(file);
        List<String> lines = Files.exists(cfg) ? new ArrayList<>(Files.readAllLines(cfg)) : new ArrayList<>();
        lines.removeIf(l -> l.trim().startsWith(key + " ") || l.trim().startsWith(key + "="));
        lines.add(key + " = " + value);
        Files.write(cfg, lines);
    }

    /** Starts Karaf and returns the milliseconds until {@code virt:list} answered. */
    long start() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server");
        pb.environment().put("JAVA_HOME", JAVA_HOME);
        // bin/karaf refuses to start when the PID it recorded last time now belongs to any live process;
        // this test owns the directory and has waited for the previous Karaf, so that check only misfires.
        pb.environment().put("CHECK_ROOT_INSTANCE_RUNNING", "false");
        pb.redirectErrorStream(true);
        pb.redirectOutput(home.resolve("server.out").toFile());
        karaf = pb.start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!karaf.isAlive()) {
                throw new IllegalStateException("Karaf exited with " + karaf.exitValue() + ": "
                        + Files.readString(home.resolve("server.out")));
            }
            CommandResult r = client("virt:list");
            if (r.exitCode() == 0 && r.output().contains("Id")) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("virt:list did not answer within 180 s");
    }

    /** Stops Karaf with bin/stop and waits for the process; kills it if it does not go. */
    void stop() throws IOException, InterruptedException {
        if (karaf == null) {
            return;
        }
        run(home, List.of(home.resolve("bin/stop").toString()), 60);
        if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
            karaf.destroyForcibly();
            karaf.waitFor(30, TimeUnit.SECONDS);
        }
        karaf = null;
    }

    /**
     * Ends the container's JVM with SIGKILL, as a crash would: nothing of Vireo's shutdown runs. Only the
     * JVM (bin/karaf's child) is killed; the processes it started in sessions of their own go on.
     */
    void killHard() throws InterruptedException {
        if (karaf == null) {
            return;
        }
        for (ProcessHandle jvm : karaf.children().toList()) {
            jvm.destroyForcibly();
            jvm.onExit().join();
        }
        karaf.waitFor(30, TimeUnit.SECONDS);
        karaf = null;
    }

    record CommandResult(int exitCode, String output) {
    }

    /** Runs one console command through bin/client (stdin must not be at EOF for the client to wait). */
    CommandResult client(String command) throws IOException, InterruptedException {
        return client(command, "\n");
    }

    /**
     * Lets {@link #ssh} log in as karaf with a key made for this distribution (etc/keys.properties), the way
     * a script reaches the console without a password.
     */
    void allowSshKey() throws IOException, InterruptedException {
        Path key = home.getParent().resolve("id_test");
        run(home.getParent(), List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()), 60);
        String pub = Files.readString(Path.of(key + ".pub")).split(" ")[1];
        Files.writeString(home.resolve("etc/keys.properties"), "\nkaraf=" + pub + ",_g_:admingroup\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** Runs one console command over SSH (which, unlike bin/client, passes {@code input} to the command). */
    CommandResult ssh(String command, String input) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("ssh", "-p", Integer.toString(sshPort), "-i",
                home.getParent().resolve("id_test").toString(), "-o", "StrictHostKeyChecking=no", "-o",
                "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "karaf@127.0.0.1", command);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        return new CommandResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs one console command through bin/client with {@code input} on its standard input. */
    CommandResult client(String command, String input) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-u", "karaf", "-p", "karaf", command);
        pb.environment().put("JAVA_HOME", JAVA_HOME);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        return new CommandResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void run(Path dir, List<String> cmd, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", JAVA_HOME);
        Process p = pb.start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            throw new IllegalStateException(cmd + " did not finish in " + seconds + " s");
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            deleteTree(home.getParent());
        }
    }
}
