package io.vireo.remote.client;

import io.vireo.api.ConsoleStream;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A console session on another daemon's guest: the {@link ClientStream} of its DOMAIN_OPEN_CONSOLE call
 * as the API's {@link ConsoleStream}. Closing finishes the stream (as virsh does on Ctrl-]).
 */
final class RemoteConsole implements ConsoleStream {
    private final ClientStream stream;
    private final InputStream in;
    private final OutputStream out;

    RemoteConsole(ClientStream stream) {
        this.stream = stream;
        this.in = new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                byte[] one = new byte[1];
                int n;
                do {
                    n = read(one, 0, 1);
                } while (n == 0);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                return stream.read(b, off, len);
            }
        };
        this.out = new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                if (len > 0) {
                    stream.write(b, off, len);
                }
            }
        };
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
        stream.close();
    }
}
