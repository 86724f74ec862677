package io.vireo.remote.server;

import io.vireo.api.ConnectUri;
import io.vireo.api.ConsoleStream;
import io.vireo.api.DomainFlags;
import io.vireo.api.DomainState;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DomainConsoles;
import io.vireo.api.spi.DomainDefinitions;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.DriverContext;
import io.vireo.api.spi.HypervisorDriver;
import io.vireo.driver.test.TestHypervisorDriver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code qemu:///system} for the remote tests: the test driver's host (its own, with test:///default's
 * fixtures) plus consoles. A console session is a real socket pair on the loopback: the client's end is the
 * {@link ConsoleStream}, the other end is a {@link Guest} thread that behaves like a shell on a serial line
 * (echoes what is typed, answers {@code echo WORDS} at Enter with WORDS and a {@code # } prompt), and that a
 * test can make hang up, flood its output, or stop reading. One session per domain, as libvirt's QEMU
 * driver has it: a second one fails unless forced, and forcing hangs up the first.
 * (Vireo's QEMU driver does the same with real guests; that is tested with the driver and end to end.)
 */
final class EchoConsoleDriver implements HypervisorDriver {
    static final Map<String, Object> PROPERTIES = Map.of(HypervisorDriver.SCHEME, "qemu",
        HypervisorDriver.DEFAULT_URI, "qemu:///system");

    private final TestHypervisorDriver test = new TestHypervisorDriver();
    /** The latest session of each domain. */
    final Map<UUID, Guest> guests = new ConcurrentHashMap<>();

    @Override
    public DriverConnection open(ConnectUri uri, DriverContext context) {
        if (!"/system".equals(uri.path())) {
            throw VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.QEMU, uri.toString());
        }
        // The test driver's default host, posting its events under qemu:///system (the context's URI).
        return new Conn(test.open(new ConnectUri("test", null, null, null, -1, "/default", Map.of()), context));
    }

    /** Waits for the session of {@code uuid} to exist and returns it. */
    Guest await(UUID uuid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Guest g = guests.get(uuid);
            if (g != null) {
                return g;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no console session for " + uuid);
    }

    private final class Conn implements DriverConnection, DomainConsoles {
        private final DriverConnection inner;

        Conn(DriverConnection inner) {
            this.inner = inner;
        }

        @Override
        public ErrorDomain errorDomain() {
            return ErrorDomain.QEMU;
        }

        @Override
        public <T> T role(Class<T> role) {
            return role == DomainConsoles.class ? role.cast(this) : inner.role(role);
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public ConsoleStream openConsole(UUID uuid, String device, int flags) {
            if (inner.role(DomainDefinitions.class).state(uuid).state() == DomainState.SHUTOFF) {
                throw VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.QEMU, "domain is not running");
            }
            if (device != null && !device.equals("serial0") && !device.equals("console0")) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.QEMU, "cannot find character device %s",
                    device);
            }
            Guest old;
            synchronized (guests) {
                old = guests.get(uuid);
                if (old != null && old.attached() && (flags & DomainFlags.CONSOLE_FORCE) == 0) {
                    throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                        "Active console session exists for this domain");
                }
                Guest g = new Guest();
                guests.put(uuid, g);
                if (old != null) {
                    old.hangUp();
                }
                return g.session;
            }
        }
    }

    /** The guest's end of one console session. */
    static final class Guest {
        private final Socket guestSide;
        private final Socket clientSide;
        final ConsoleStream session;
        /** Every byte the guest has read, in order. */
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final CountDownLatch closedByClient = new CountDownLatch(1);
        private volatile CountDownLatch readGate = new CountDownLatch(0);
        private volatile boolean attached = true;

        Guest() {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                clientSide = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                guestSide = listener.accept();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            session = new ConsoleStream() {
                @Override
                public InputStream input() {
                    try {
                        return clientSide.getInputStream();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public OutputStream output() {
                    try {
                        return clientSide.getOutputStream();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void close() throws IOException {
                    attached = false;
                    clientSide.close();
                    closedByClient.countDown();
                }
            };
            Thread t = new Thread(this::shell, "echo-guest");
            t.setDaemon(true);
            t.start();
        }

        boolean attached() {
            return attached && !guestSide.isClosed();
        }

        /** The client closed its session (virsh detached, the connection went away). */
        boolean awaitClosedByClient(long seconds) throws InterruptedException {
            return closedByClient.await(seconds, TimeUnit.SECONDS);
        }

        /** The guest side closes: the session's input ends. */
        void hangUp() {
            attached = false;
            try {
                guestSide.close();
            } catch (IOException ignored) {
                // closed
            }
        }

        /** The guest side breaks (a TCP reset): the session's next read fails instead of ending. */
        void reset() {
            attached = false;
            try {
                guestSide.setSoLinger(true, 0);
                guestSide.close();
            } catch (IOException ignored) {
                // closed
            }
        }

        /** The guest writes {@code n} bytes of output (a repeating pattern) as fast as the session takes them. */
        void flood(int n) throws IOException {
            OutputStream out = guestSide.getOutputStream();
            byte[] chunk = new byte[8192];
            for (int i = 0; i < n; ) {
                int len = Math.min(chunk.length, n - i);
                for (int j = 0; j < len; j++) {
                    chunk[j] = pattern(i + j);
                }
                out.write(chunk, 0, len);
                i += len;
            }
            out.flush();
        }

        static byte pattern(long i) {
            return (byte) ('a' + (i % 26));
        }

        /** Until {@link #resumeReading}, the guest reads nothing: what the client types waits. */
        void stopReading() {
            readGate = new CountDownLatch(1);
        }

        void resumeReading() {
            readGate.countDown();
        }

        synchronized byte[] received() {
            return received.toByteArray();
        }

        private void shell() {
            StringBuilder line = new StringBuilder();
            try {
                InputStream in = guestSide.getInputStream();
                OutputStream out = guestSide.getOutputStream();
                byte[] buf = new byte[65536];
                while (true) {
                    readGate.await();
                    int n = in.read(buf);
                    if (n < 0) {
                        return;
                    }
                    synchronized (this) {
                        received.write(buf, 0, n);
                    }
                    ByteArrayOutputStream reply = new ByteArrayOutputStream();
                    for (int i = 0; i < n; i++) {
                        char c = (char) (buf[i] & 0xff);
                        if (c == '\r') {
                            reply.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                            String cmd = line.toString().trim();
                            line.setLength(0);
                            if (cmd.startsWith("echo ")) {
                                reply.writeBytes((cmd.substring(5) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            } else if (!cmd.isEmpty()) {
                                reply.writeBytes(("sh: " + cmd + ": not found\r\n").getBytes(StandardCharsets.US_ASCII));
                            }
                            reply.writeBytes("# ".getBytes(StandardCharsets.US_ASCII));
                        } else if (line.length() < 4096) {
                            line.append(c);
                            reply.write(c); // the tty's echo
                        }
                    }
                    out.write(reply.toByteArray());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // hung up, or the client went away
            }
        }
    }
}
