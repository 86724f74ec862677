package io.vireo.kvm.vmm.devices;

import com.sun.jna.LastErrorException;
import io.vireo.kvm.vmm.StartTrace;
import io.vireo.kvm.vmm.devices.legacy.Serial;
import io.vireo.kvm.vmm.kvm.Libc;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * Connects the guest's serial port to the outside: stdio, a pseudo-terminal, a Unix socket
 * (one client at a time) or nothing, plus an optional log file. Output is buffered and
 * flushed at each newline and every 20 ms, so a chatty guest does not cost a syscall per byte.
 */
public final class Console implements IntConsumer, AutoCloseable {
    private final CopyOnWriteArrayList<OutputStream> sinks = new CopyOnWriteArrayList<>();
    private final Thread flusher;
    private Serial serial;
    private String ptyPath;
    private ServerSocketChannel server;
    private Path socketPath;
    private volatile boolean closed;

    public Console() {
        // A plain thread rather than a scheduled executor: a dozen fewer classes to load at start.
        flusher = new Thread("console-flush") {
            @Override
            public void run() {
                while (!closed) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                    flush();
                }
            }
        };
        flusher.setDaemon(true);
        flusher.start();
    }

    public void attach(Serial s) {
        this.serial = s;
    }

    public String ptyPath() {
        return ptyPath;
    }

    public void addLog(Path file) throws IOException {
        sinks.add(new BufferedOutputStream(Files.newOutputStream(file), 8192));
    }

    /** Adds an output sink (tests use this to watch the guest). */
    public void addSink(OutputStream out) {
        sinks.add(out);
    }

    public void open(String mode) throws IOException {
        if (mode.equals("stdio")) {
            sinks.add(new BufferedOutputStream(System.out, 8192));
            startReader("console-stdin", System.in);
        } else if (mode.equals("pty")) {
            openPty();
        } else if (mode.startsWith("socket:")) {
            openSocket(Path.of(mode.substring("socket:".length())));
        }
    }

    private void openPty() throws IOException {
        int master;
        try {
            // Non-blocking: with nobody on the slave side, output is dropped instead of stalling a vCPU.
            master = Libc.open("/dev/ptmx", Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC | Libc.O_NONBLOCK);
        } catch (LastErrorException e) {
            throw new IOException("open /dev/ptmx: errno " + e.getErrorCode());
        }
        byte[] name = new byte[128];
        if (Libc.grantpt(master) != 0 || Libc.unlockpt(master) != 0 || Libc.ptsname_r(master, name, name.length) != 0) {
            Libc.close(master);
            throw new IOException("cannot set up a pseudo-terminal");
        }
        int len = 0;
        while (len < name.length && name[len] != 0) {
            len++;
        }
        ptyPath = new String(name, 0, len, StandardCharsets.US_ASCII);
        sinks.add(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int n) {
                byte[] c = off == 0 ? b : java.util.Arrays.copyOfRange(b, off, off + n);
                try {
                    Libc.write(master, c, n);
                } catch (LastErrorException e) {
                    // No reader on the slave side yet: output is dropped, as on a real line.
                }
            }
        });
        Thread t = new Thread(() -> {
            byte[] buf = new byte[256];
            while (!closed) {
                long n;
                try {
                    n = Libc.read(master, buf, buf.length);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == Libc.EINTR) {
                        continue;
                    }
                    sleep(20); // EAGAIN: no input; EIO: no client on the slave yet
                    continue;
                }
                if (n <= 0) {
                    sleep(100);
                    continue;
                }
                feed(buf, (int) n);
            }
        }, "console-pty");
        t.setDaemon(true);
        t.start();
    }

    private void openSocket(Path path) throws IOException {
        Files.deleteIfExists(path);
        socketPath = path;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Thread t = new Thread(() -> {
            while (!closed) {
                try (SocketChannel c = server.accept()) {
                    OutputStream out = new BufferedOutputStream(ChannelOut.of(c), 8192);
                    sinks.add(out);
                    try (InputStream in = Channels.newInputStream(c)) {
                        pump(in);
                    } finally {
                        sinks.remove(out);
                    }
                } catch (IOException e) {
                    if (closed) {
                        return;
                    }
                }
            }
        }, "console-socket");
        t.setDaemon(true);
        t.start();
    }

    private void startReader(String name, InputStream in) {
        Thread t = new Thread(() -> {
            try {
                pump(in);
            } catch (IOException ignored) {
                // stdin closed: the guest simply gets no more input
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private void pump(InputStream in) throws IOException {
        byte[] buf = new byte[256];
        int n;
        while (!closed && (n = in.read(buf)) > 0) {
            feed(buf, n);
        }
    }

    /** Hands input to the UART, waiting while its FIFO is full (flow control by back-pressure). */
    public void feed(byte[] buf, int n) {
        Serial s = serial;
        if (s == null) {
            return;
        }
        int off = 0;
        while (off < n && !closed) {
            int k = s.receive(buf, off, n - off);
            off += k;
            if (off < n) {
                sleep(1);
            }
        }
    }

    public void feed(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        feed(b, b.length);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void accept(int b) {
        for (OutputStream o : sinks) {
            try {
                o.write(b);
                if (b == '\n') {
                    o.flush();
                    StartTrace.firstLine();
                }
            } catch (IOException e) {
                sinks.remove(o);
            }
        }
    }

    public void flush() {
        for (OutputStream o : sinks) {
            try {
                synchronized (o) {
                    o.flush();
                }
            } catch (IOException e) {
                sinks.remove(o);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        flusher.interrupt();
        flush();
        if (server != null) {
            try {
                server.close();
                Files.deleteIfExists(socketPath);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

}
