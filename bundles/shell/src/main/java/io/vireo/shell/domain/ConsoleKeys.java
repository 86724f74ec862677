package io.vireo.shell.domain;

import org.jline.utils.NonBlockingInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What the user types while attached to a console, read with a time limit so that the reader can notice
 * in time that the session ended for another reason (the guest closed it, the command was interrupted).
 */
interface ConsoleKeys {
    /**
     * Reads what is available into {@code buf}, waiting at most {@code timeoutMillis} for the first byte.
     *
     * @return the number of bytes read, 0 when nothing came in time, -1 at the end of the input
     * @throws InterruptedIOException when the reading thread was interrupted
     */
    int read(byte[] buf, long timeoutMillis) throws IOException;

    /**
     * The keys of {@code in}: a terminal's non-blocking stream is read with its own time limit, so that
     * nothing is taken from it once the session is over (the next key is the shell's again); any other
     * stream is read by a helper thread ({@link Threaded}).
     */
    static ConsoleKeys of(InputStream in) {
        if (in instanceof NonBlockingInputStream nb) {
            return (buf, timeoutMillis) -> {
                int n = nb.readBuffered(buf, 0, buf.length, Math.max(1, timeoutMillis));
                return n == NonBlockingInputStream.READ_EXPIRED ? 0 : n;
            };
        }
        return new Threaded(in);
    }

    /**
     * Keys from a plain stream (piped input, a remote client's channel): a daemon thread does the blocking
     * reads. A read it is blocked in when the session ends takes what arrives next; that is only the case
     * for input that is not a terminal, where the session ends with the command anyway.
     */
    final class Threaded implements ConsoleKeys {
        private static final byte[] END = new byte[0];
        private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] pending;
        private int pendingOffset;

        Threaded(InputStream in) {
            Thread reader = new Thread(() -> {
                byte[] buf = new byte[1024];
                try {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        if (n > 0) {
                            byte[] chunk = new byte[n];
                            System.arraycopy(buf, 0, chunk, 0, n);
                            chunks.add(chunk);
                        }
                    }
                } catch (IOException e) {
                    // An input that fails has ended as far as the console is concerned.
                } finally {
                    chunks.add(END);
                }
            }, "vireo-console-keys");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public int read(byte[] buf, long timeoutMillis) throws IOException {
            if (pending == null) {
                try {
                    pending = chunks.poll(timeoutMillis, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted");
                }
                pendingOffset = 0;
                if (pending == null) {
                    return 0;
                }
            }
            if (pending == END) {
                // Stays at the end for every later read.
                return -1;
            }
            int n = Math.min(buf.length, pending.length - pendingOffset);
            System.arraycopy(pending, pendingOffset, buf, 0, n);
            pendingOffset += n;
            if (pendingOffset == pending.length) {
                pending = null;
            }
            return n;
        }
    }
}
