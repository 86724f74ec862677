package io.vireo.driver.support.console;

import io.vireo.api.ConsoleStream;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Console sessions on guests' serial ports that their emulator serves as Unix stream sockets (QEMU's
 * socket chardev, the Vireo VMM's {@code --console socket:}). An emulator serves one client at a time, so
 * this keeps at most one session per socket, as libvirt does: a second one is refused unless forced, and
 * forcing ends the first (its input ends).
 */
public final class ConsoleSockets {
    private final ErrorDomain errorDomain;
    private final Map<Path, Session> sessions = new HashMap<>();

    public ConsoleSockets(ErrorDomain errorDomain) {
        this.errorDomain = errorDomain;
    }

    /** Opens a session on the console served at {@code socket}. */
    public ConsoleStream open(Path socket, boolean force) {
        Session old;
        synchronized (this) {
            old = sessions.get(socket);
            if (old != null && old.isOpen() && !force) {
                throw VirtException.of(ErrorCode.OPERATION_FAILED, errorDomain,
                        "Active console session exists for this domain");
            }
        }
        if (old != null) {
            old.close();
        }
        SocketChannel channel = connect(socket);
        Session s = new Session(socket, channel);
        synchronized (this) {
            sessions.put(socket, s);
        }
        return s;
    }

    private SocketChannel connect(Path socket) {
        // The emulator takes the next client as soon as it notices the previous one left: retry briefly.
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            try {
                return SocketChannel.open(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw VirtException.of(ErrorCode.OPERATION_FAILED, errorDomain,
                            "cannot connect to the console at %s: %s", socket, e.getMessage());
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw VirtException.of(ErrorCode.OPERATION_FAILED, errorDomain, "interrupted");
            }
        }
    }

    private final class Session implements ConsoleStream {
        private final Path socket;
        private final SocketChannel channel;
        private final InputStream in;
        private final OutputStream out;

        Session(Path socket, SocketChannel channel) {
            this.socket = socket;
            this.channel = channel;
            // Not Channels.newInputStream/newOutputStream: both lock the channel's blocking lock, so a
            // read waiting for the guest would hold up every keystroke.
            this.in = new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) {
                        return 0;
                    }
                    int n = channel.read(ByteBuffer.wrap(b, off, len));
                    return n < 0 ? -1 : n;
                }
            };
            this.out = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                    while (buf.hasRemaining()) {
                        channel.write(buf);
                    }
                }
            };
        }

        boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public InputStream input() {
            return in;
        }

        @Override
        public OutputStream output() {
            return out;
        }

        @Override
        public void close() {
            synchronized (ConsoleSockets.this) {
                sessions.remove(socket, this);
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
