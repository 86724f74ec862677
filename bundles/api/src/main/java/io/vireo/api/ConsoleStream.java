package io.vireo.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One attached session on a guest's console (libvirt's stream opened by {@code virDomainOpenConsole}):
 * bytes as the guest's serial line carries them, in both directions, without any translation.
 *
 * <p>{@link #input()} and {@link #output()} may be used by two threads at once (one reading the guest's
 * output, one writing what the user types); each stream by one thread at a time.
 */
public interface ConsoleStream extends Closeable {

    /**
     * What the guest writes to its console. Reads block until the guest writes; the stream ends (-1) when
     * the guest side closes the console (the guest stopped, or another session took the console over with
     * {@link DomainFlags#CONSOLE_FORCE}).
     */
    InputStream input();

    /** What is written here reaches the guest as typed on its console; flush to send it at once. */
    OutputStream output();

    /**
     * Ends the session and frees the console for others. A read blocked on {@link #input()} returns -1
     * or fails with an IOException; closing again does nothing.
     */
    @Override
    void close() throws IOException;
}
