package io.vireo.shell.domain;

import io.vireo.api.ConsoleStream;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * Joins a terminal to a guest console: what the user types goes to the guest byte for byte, what the
 * guest writes goes to the terminal as it comes, until one of these ends the session:
 * <ul>
 * <li>the escape key, Ctrl-] (0x1d), is typed: bytes typed before it in the same read still go to the
 * guest, the rest is dropped ({@link End#DETACHED});</li>
 * <li>the guest side closes the console ({@link End#GUEST_CLOSED});</li>
 * <li>the input ends, as piped input does: the guest's output is still copied until the guest has been
 * quiet for {@code quietMillis}, and at most for {@code graceMillis}, so that a script sees the answer to
 * what it sent ({@link End#INPUT_ENDED});</li>
 * <li>the calling thread is interrupted ({@link End#INTERRUPTED}).</li>
 * </ul>
 * The guest's output is copied by a thread of its own, so the escape key is seen at once however much
 * the guest writes. The console stream is closed when the session ends, whatever ended it.
 */
final class ConsolePump {
    /** Ctrl-], the key that detaches (virsh's default escape). */
    static final int ESCAPE = 0x1d;
    /** How often the keyboard side looks whether the session ended for another reason. */
    private static final long POLL_MILLIS = 100;
    /** How long the end of a session waits for the guest-output thread to finish what it is writing. */
    private static final long JOIN_MILLIS = 500;

    /** Why a session ended. */
    enum End { DETACHED, GUEST_CLOSED, INPUT_ENDED, INTERRUPTED }

    private final ConsoleStream console;
    private final ConsoleKeys keys;
    private final OutputStream terminal;
    private final long quietMillis;
    private final long graceMillis;

    private final Object lock = new Object();
    /** Set (under {@link #lock}) once the guest's output has ended or failed. */
    private boolean guestEnded;
    private IOException guestError;
    /** {@link System#nanoTime} of the guest's last output. */
    private volatile long lastOutput;
    /** Set when the session is over: output still read from the guest is dropped. */
    private volatile boolean stopping;

    ConsolePump(ConsoleStream console, ConsoleKeys keys, OutputStream terminal, long quietMillis, long graceMillis) {
        this.console = console;
        this.keys = keys;
        this.terminal = terminal;
        this.quietMillis = quietMillis;
        this.graceMillis = graceMillis;
    }

    /**
     * Runs the session to its end on the calling thread. An interrupt ends it as {@link End#INTERRUPTED}
     * and is cleared from the thread: the caller still has a terminal to restore before it passes it on.
     *
     * @throws IOException when the guest's console failed (not when it merely closed)
     */
    End run() throws IOException {
        lastOutput = System.nanoTime();
        Thread output = new Thread(this::copyGuestOutput, "vireo-console-output");
        output.setDaemon(true);
        output.start();
        End end;
        try {
            end = copyKeys();
            if (end == End.INPUT_ENDED) {
                end = drain();
            }
        } catch (InterruptedIOException e) {
            end = End.INTERRUPTED;
        } finally {
            stopping = true;
            try {
                console.close();
            } catch (IOException | RuntimeException e) {
                // The session is over either way.
            }
        }
        if (Thread.interrupted()) {
            end = End.INTERRUPTED;
        }
        try {
            output.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            end = End.INTERRUPTED;
        }
        synchronized (lock) {
            if (end == End.GUEST_CLOSED && guestError != null) {
                throw guestError;
            }
        }
        return end;
    }

    /** Keyboard to guest, on the calling thread. */
    private End copyKeys() throws IOException {
        byte[] buf = new byte[1024];
        OutputStream toGuest = console.output();
        while (true) {
            if (guestEnded()) {
                return End.GUEST_CLOSED;
            }
            if (Thread.currentThread().isInterrupted()) {
                return End.INTERRUPTED;
            }
            int n = keys.read(buf, POLL_MILLIS);
            if (n < 0) {
                return End.INPUT_ENDED;
            }
            int escape = indexOf(buf, n, ESCAPE);
            int send = escape < 0 ? n : escape;
            if (send > 0) {
                try {
                    toGuest.write(buf, 0, send);
                    toGuest.flush();
                } catch (IOException e) {
                    // A guest that went away fails the write before its output has been seen to end.
                    if (awaitGuestEnd(POLL_MILLIS)) {
                        return End.GUEST_CLOSED;
                    }
                    throw e;
                }
            }
            if (escape >= 0) {
                return End.DETACHED;
            }
        }
    }

    /** After the input ended: the guest's output until it is quiet, closes, or the grace period is over. */
    private End drain() throws InterruptedIOException {
        long start = System.nanoTime();
        synchronized (lock) {
            while (!guestEnded) {
                long now = System.nanoTime();
                long last = lastOutput;
                long quietSince = last - start > 0 ? last : start;
                long wait = Math.min(quietMillis - TimeUnit.NANOSECONDS.toMillis(now - quietSince),
                        graceMillis - TimeUnit.NANOSECONDS.toMillis(now - start));
                if (wait <= 0) {
                    return End.INPUT_ENDED;
                }
                try {
                    lock.wait(wait);
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("interrupted");
                }
            }
        }
        return End.GUEST_CLOSED;
    }

    /** Guest to terminal, on a thread of its own. */
    private void copyGuestOutput() {
        byte[] buf = new byte[8192];
        IOException error = null;
        try {
            int n;
            while ((n = console.input().read(buf)) >= 0 && !stopping) {
                lastOutput = System.nanoTime();
                terminal.write(buf, 0, n);
                terminal.flush();
            }
        } catch (IOException e) {
            error = stopping ? null : e;
        } finally {
            synchronized (lock) {
                guestEnded = true;
                guestError = error;
                lock.notifyAll();
            }
        }
    }

    private boolean guestEnded() {
        synchronized (lock) {
            return guestEnded;
        }
    }

    private boolean awaitGuestEnd(long millis) throws InterruptedIOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (lock) {
            while (!guestEnded) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("interrupted");
                }
            }
            return true;
        }
    }

    private static int indexOf(byte[] buf, int length, int b) {
        for (int i = 0; i < length; i++) {
            if ((buf[i] & 0xff) == b) {
                return i;
            }
        }
        return -1;
    }
}
