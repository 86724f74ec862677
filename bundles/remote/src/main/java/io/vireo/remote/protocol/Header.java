package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrStruct;

import java.util.Objects;

/**
 * The 24-byte packet header ({@code virNetMessageHeader}). {@code program}, {@code version} and
 * {@code serial} are XDR unsigned ints held as raw bits.
 */
public record Header(int program, int version, int procedure, MessageType type, int serial, MessageStatus status)
    implements XdrStruct {

    public Header {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    /** Decodes a header; an unknown type or status is malformed (libvirt would fail the packet too). */
    public static Header decode(XdrDecoder d) {
        int program = d.readUnsignedInt();
        int version = d.readUnsignedInt();
        int procedure = d.readInt();
        MessageType type = MessageType.fromValue(d.readInt());
        int serial = d.readUnsignedInt();
        MessageStatus status = MessageStatus.fromValue(d.readInt());
        return new Header(program, version, procedure, type, serial, status);
    }

    @Override
    public void encode(XdrEncoder e) {
        e.writeUnsignedInt(program).writeUnsignedInt(version).writeInt(procedure).writeInt(type.value())
            .writeUnsignedInt(serial).writeInt(status.value());
    }

    /** A CALL of the REMOTE program. */
    public static Header call(Procedure proc, int serial) {
        return new Header(Program.REMOTE, Program.VERSION, proc.number(), MessageType.CALL, serial,
            MessageStatus.OK);
    }

    /** The REPLY to this call: program, version, procedure and serial echoed, as the client requires. */
    public Header reply(MessageStatus status) {
        return new Header(program, version, procedure, MessageType.REPLY, serial, status);
    }

    /** A packet of the stream this call opened (same program, procedure and serial). */
    public Header stream(MessageType streamType, MessageStatus status) {
        return new Header(program, version, procedure, streamType, serial, status);
    }

    /** An event MESSAGE of the REMOTE program; libvirtd sends serial 1 and clients ignore it. */
    public static Header event(Procedure proc) {
        return new Header(Program.REMOTE, Program.VERSION, proc.number(), MessageType.MESSAGE, 1,
            MessageStatus.OK);
    }

    public static Header keepalive(int proc) {
        return new Header(Program.KEEPALIVE, Program.VERSION, proc, MessageType.MESSAGE, 0, MessageStatus.OK);
    }

    public boolean isKeepalive() {
        return program == Program.KEEPALIVE;
    }

    /** The REMOTE procedure this header names, if it is one. */
    public java.util.Optional<Procedure> remoteProcedure() {
        return program == Program.REMOTE ? Procedure.find(procedure) : java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return String.format("Header[prog=0x%08x vers=%d proc=%d type=%s serial=%d status=%s]", program,
            version, procedure, type, Integer.toUnsignedLong(serial), status);
    }
}
