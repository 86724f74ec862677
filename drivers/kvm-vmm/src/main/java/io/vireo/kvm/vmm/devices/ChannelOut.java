package io.vireo.kvm.vmm.devices;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * An OutputStream over a blocking SocketChannel that writes with channel.write directly.
 * Channels.newOutputStream/newInputStream both hold the channel's blocking lock for a whole
 * read, so a reader thread parked in read would block every write on the same socket.
 */
public final class ChannelOut extends OutputStream {
    private final SocketChannel ch;

    private ChannelOut(SocketChannel ch) {
        this.ch = ch;
    }

    public static OutputStream of(SocketChannel ch) {
        return new ChannelOut(ch);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
