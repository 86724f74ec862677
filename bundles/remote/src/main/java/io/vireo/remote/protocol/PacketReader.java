package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into packets, however the bytes arrive (one at a time, or many packets at once).
 * One reader per connection; not thread-safe.
 *
 * <p>A length word below {@link Wire#MIN_PACKET} or above the maximum, or a header that does not
 * decode, throws {@link FramingException}: the connection must be closed, and the reader refuses any
 * further input. The payload buffer grows with the bytes that actually arrive (from 64 KiB, doubling),
 * so a peer announcing 32 MiB and sending nothing does not make us allocate 32 MiB.
 */
public final class PacketReader {

    private static final int INITIAL_PAYLOAD_BUFFER = 64 * 1024;
    private static final int CHANNEL_BUFFER = 64 * 1024;

    private final int maxPacket;
    /** Length word and header. */
    private final byte[] head = new byte[Wire.MIN_PACKET];
    private int headHave;
    private Header header;
    private int payloadLength;
    private byte[] payload;
    private int payloadHave;
    private boolean failed;
    private ByteBuffer channelBuffer;

    public PacketReader() {
        this(Wire.MAX_PACKET);
    }

    /** @param maxPacket the largest length word accepted, at most {@link Wire#MAX_PACKET} */
    public PacketReader(int maxPacket) {
        if (maxPacket < Wire.MIN_PACKET || maxPacket > Wire.MAX_PACKET) {
            throw new IllegalArgumentException("maxPacket must be within " + Wire.MIN_PACKET + ".."
                + Wire.MAX_PACKET + ": " + maxPacket);
        }
        this.maxPacket = maxPacket;
    }

    /** Bytes reserved for the payload being read (tests check that it follows the data, not the length). */
    int payloadCapacity() {
        return payload == null ? 0 : payload.length;
    }

    /** True when no partial packet is buffered (an end of stream here is a clean close). */
    public boolean isIdle() {
        return headHave == 0 && !failed;
    }

    /**
     * Takes bytes from {@code src} (in read mode) until one packet is complete, and returns it; returns
     * null once {@code src} is used up without completing one. Bytes after a complete packet stay in
     * {@code src} for the next call.
     */
    public Packet next(ByteBuffer src) {
        if (failed) {
            throw new FramingException("packet stream already failed");
        }
        while (src.hasRemaining()) {
            if (header == null) {
                int n = Math.min(head.length - headHave, src.remaining());
                src.get(head, headHave, n);
                headHave += n;
                if (headHave >= Wire.LENGTH_SIZE && headHave - n < Wire.LENGTH_SIZE) {
                    checkLength();
                }
                if (headHave < head.length) {
                    continue;
                }
                startPayload();
                if (payloadLength == 0) {
                    return finish();
                }
                continue;
            }
            int n = Math.min(payloadLength - payloadHave, src.remaining());
            if (payloadHave + n > payload.length) {
                long grown = Math.max(payloadHave + (long) n, 2L * payload.length);
                payload = Arrays.copyOf(payload, (int) Math.min(payloadLength, grown));
            }
            src.get(payload, payloadHave, n);
            payloadHave += n;
            if (payloadHave == payloadLength) {
                return finish();
            }
        }
        return null;
    }

    private void checkLength() {
        long length = Integer.toUnsignedLong(new XdrDecoder(head, 0, Wire.LENGTH_SIZE).readInt());
        if (length < Wire.MIN_PACKET || length > maxPacket) {
            failed = true;
            throw new FramingException("packet length " + length + " outside " + Wire.MIN_PACKET + ".." + maxPacket);
        }
        payloadLength = (int) length - Wire.MIN_PACKET;
    }

    private void startPayload() {
        try {
            header = Header.decode(new XdrDecoder(head, Wire.LENGTH_SIZE, Wire.HEADER_SIZE));
        } catch (XdrException ex) {
            failed = true;
            throw new FramingException("undecodable packet header: " + ex.getMessage(), ex);
        }
        payload = new byte[Math.min(payloadLength, INITIAL_PAYLOAD_BUFFER)];
        payloadHave = 0;
    }

    private Packet finish() {
        Packet p = new Packet(header, payload);
        header = null;
        payload = null;
        headHave = 0;
        payloadHave = 0;
        payloadLength = 0;
        return p;
    }

    /**
     * Reads what {@code ch} has now (for a non-blocking channel possibly nothing) and passes every
     * completed packet to {@code sink}. Returns the number of bytes read, or -1 at end of stream; at end
     * of stream {@link #isIdle()} tells a clean close from one in the middle of a packet.
     */
    public int read(ReadableByteChannel ch, Consumer<Packet> sink) throws IOException {
        if (channelBuffer == null) {
            channelBuffer = ByteBuffer.allocate(CHANNEL_BUFFER);
        }
        int n = ch.read(channelBuffer);
        channelBuffer.flip();
        try {
            Packet p;
            while ((p = next(channelBuffer)) != null) {
                sink.accept(p);
            }
        } finally {
            channelBuffer.compact();
        }
        return n;
    }
}
