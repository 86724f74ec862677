package io.vireo.shell.domain;

import io.vireo.api.ConsoleStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A console made of two pipes: the test plays the guest, writing to {@link #guestWrites} what the guest
 * prints and reading from {@link #guestReads} what was typed. Closing it ends both directions, as closing
 * a real console's socket does.
 */
final class PipedConsole implements ConsoleStream {
    private static final int BUFFER = 64 * 1024;

    final PipedOutputStream guestWrites = new PipedOutputStream();
    final PipedInputStream guestReads = new PipedInputStream(BUFFER);
    private final PipedInputStream input;
    private final PipedOutputStream output = new PipedOutputStream();
    final AtomicInteger closes = new AtomicInteger();

    PipedConsole() {
        try {
            input = new PipedInputStream(guestWrites, BUFFER);
            output.connect(guestReads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void close() throws IOException {
        closes.incrementAndGet();
        guestWrites.close();
        output.close();
        input.close();
    }

    boolean isClosed() {
        return closes.get() > 0;
    }
}
