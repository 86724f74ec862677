package io.vireo.kvm.vmm.boot;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few ACPI Machine Language encodings the DSDT needs (ACPI 6.x section 20.2): names,
 * strings, integers, buffers, packages, Device and Scope with their package lengths, and for the
 * Generic Event Device's {@code _EVT} an operation region with one field and a method of Store,
 * And, If and Notify. No interpreter: the bytes are checked against ACPICA's disassembler in tests.
 */
public final class Aml {
    static final byte ZERO_OP = 0x00;
    static final byte ONE_OP = 0x01;
    static final byte NAME_OP = 0x08;
    static final byte BYTE_PREFIX = 0x0a;
    static final byte WORD_PREFIX = 0x0b;
    static final byte DWORD_PREFIX = 0x0c;
    static final byte STRING_PREFIX = 0x0d;
    static final byte SCOPE_OP = 0x10;
    static final byte BUFFER_OP = 0x11;
    static final byte EXT_OP_PREFIX = 0x5b;
    static final byte DEVICE_OP = (byte) 0x82;
    static final byte PACKAGE_OP = 0x12;
    static final byte METHOD_OP = 0x14;
    static final byte DUAL_NAME_PREFIX = 0x2e;
    static final byte ROOT_CHAR = 0x5c;
    static final byte LOCAL0_OP = 0x60;
    static final byte STORE_OP = 0x70;
    static final byte AND_OP = 0x7b;
    static final byte NOTIFY_OP = (byte) 0x86;
    static final byte IF_OP = (byte) 0xa0;
    static final byte OP_REGION_OP = (byte) 0x80;
    static final byte FIELD_OP = (byte) 0x81;
    static final byte NULL_NAME = 0x00;
    /** Operation region spaces (19.6.100). */
    static final int SYSTEM_IO = 1;
    /** Field flags: ByteAcc, NoLock, WriteAsZeros (19.6.48). */
    static final int FIELD_BYTE_ACC_NO_LOCK_WRITE_AS_ZEROS = 0x01 | 0x40;

    private Aml() {
    }

    /** PkgLength (20.2.4) followed by {@code body}; the encoded length counts its own bytes. */
    static byte[] pkg(byte[] body) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int n = body.length;
        if (n + 1 < 0x40) {
            o.write(n + 1);
        } else if (n + 2 < 0x1000) {
            int t = n + 2;
            o.write(0x40 | (t & 0xf));
            o.write(t >> 4);
        } else if (n + 3 < 0x100000) {
            int t = n + 3;
            o.write(0x80 | (t & 0xf));
            o.write((t >> 4) & 0xff);
            o.write(t >> 12);
        } else {
            throw new IllegalArgumentException("AML package too long: " + n);
        }
        o.writeBytes(body);
        return o.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    /** A four-character name segment (padded with '_'). */
    static byte[] nameSeg(String s) {
        if (s.isEmpty() || s.length() > 4 || !s.matches("[A-Z_][A-Z0-9_]*")) {
            throw new IllegalArgumentException("bad AML name " + s);
        }
        return (s + "____".substring(s.length())).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] string(String s) {
        return concat(new byte[] {STRING_PREFIX}, s.getBytes(StandardCharsets.US_ASCII), new byte[] {0});
    }

    static byte[] integer(long v) {
        if (v == 0) {
            return new byte[] {ZERO_OP};
        }
        if (v == 1) {
            return new byte[] {ONE_OP};
        }
        if (v >= 0 && v <= 0xff) {
            return new byte[] {BYTE_PREFIX, (byte) v};
        }
        if (v >= 0 && v <= 0xffff) {
            return new byte[] {WORD_PREFIX, (byte) v, (byte) (v >> 8)};
        }
        if (v >= 0 && v <= 0xffff_ffffL) {
            return new byte[] {DWORD_PREFIX, (byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
        }
        throw new IllegalArgumentException("64-bit AML integers are not needed here");
    }

    /** Name(NAME, object). */
    static byte[] name(String seg, byte[] object) {
        return concat(new byte[] {NAME_OP}, nameSeg(seg), object);
    }

    /** Buffer() holding {@code data}. */
    static byte[] buffer(byte[] data) {
        return concat(new byte[] {BUFFER_OP}, pkg(concat(integer(data.length), data)));
    }

    /** Device(NAME) { body }. */
    static byte[] device(String seg, byte[] body) {
        return concat(new byte[] {EXT_OP_PREFIX, DEVICE_OP}, pkg(concat(nameSeg(seg), body)));
    }

    /** Scope(\NAME) { body }, for a root-level name such as _SB_. */
    static byte[] rootScope(String seg, byte[] body) {
        return concat(new byte[] {SCOPE_OP}, pkg(concat(new byte[] {'\\'}, nameSeg(seg), body)));
    }

    /** Package(n) {elements}: each element an encoded data object. */
    static byte[] pack(byte[]... elements) {
        if (elements.length > 255) {
            throw new IllegalArgumentException("AML package with more than 255 elements");
        }
        return concat(new byte[] {PACKAGE_OP}, pkg(concat(new byte[] {(byte) elements.length}, concat(elements))));
    }

    /** An absolute two-segment name such as {@code \_SB.PWRB}. */
    static byte[] rootPath(String seg1, String seg2) {
        return concat(new byte[] {ROOT_CHAR, DUAL_NAME_PREFIX}, nameSeg(seg1), nameSeg(seg2));
    }

    /** OperationRegion(NAME, space, offset, length). */
    static byte[] operationRegion(String seg, int space, long offset, long length) {
        return concat(new byte[] {EXT_OP_PREFIX, OP_REGION_OP}, nameSeg(seg), new byte[] {(byte) space},
                integer(offset), integer(length));
    }

    /** Field(REGION, flags) { NAME, bits }: one named field at the region's start. */
    static byte[] field(String region, int flags, String seg, int bits) {
        if (bits >= 0x40) {
            throw new IllegalArgumentException("field wider than 63 bits");
        }
        return concat(new byte[] {EXT_OP_PREFIX, FIELD_OP},
                pkg(concat(nameSeg(region), new byte[] {(byte) flags}, nameSeg(seg), new byte[] {(byte) bits})));
    }

    /** Method(NAME, args, Serialized) { body }. */
    static byte[] serializedMethod(String seg, int args, byte[] body) {
        if (args < 0 || args > 7) {
            throw new IllegalArgumentException("AML methods take 0-7 arguments");
        }
        return concat(new byte[] {METHOD_OP}, pkg(concat(nameSeg(seg), new byte[] {(byte) (args | 0x08)}, body)));
    }

    /** Store(source, Local0). */
    static byte[] storeLocal0(byte[] source) {
        return concat(new byte[] {STORE_OP}, source, new byte[] {LOCAL0_OP});
    }

    /** If (And(Local0, mask)) { body }. */
    static byte[] ifLocal0Has(long mask, byte[] body) {
        return concat(new byte[] {IF_OP}, pkg(concat(new byte[] {AND_OP, LOCAL0_OP}, integer(mask),
                new byte[] {NULL_NAME}, body)));
    }

    /** Notify(object, value). */
    static byte[] notify(byte[] object, int value) {
        return concat(new byte[] {NOTIFY_OP}, object, integer(value));
    }

    /** A name used as a value (a field read, here). */
    static byte[] nameRef(String seg) {
        return nameSeg(seg);
    }

    /** Resource template: Memory32Fixed(ReadWrite, base, length) (6.4.3.4). */
    static byte[] memory32Fixed(long base, long length) {
        return new byte[] {(byte) 0x86, 9, 0, 1,
            (byte) base, (byte) (base >> 8), (byte) (base >> 16), (byte) (base >> 24),
            (byte) length, (byte) (length >> 8), (byte) (length >> 16), (byte) (length >> 24)};
    }

    /** Resource template: Interrupt(ResourceConsumer, Edge, ActiveHigh, Exclusive) {gsi} (6.4.3.6). */
    static byte[] extendedInterruptEdge(int gsi) {
        return new byte[] {(byte) 0x89, 6, 0, 0x03, 1, (byte) gsi, (byte) (gsi >> 8), (byte) (gsi >> 16), (byte) (gsi >> 24)};
    }

    /** An EISA id such as PNP0501, compressed as EisaId() does: three 5-bit letters, then four hex digits. */
    static byte[] eisaId(String id) {
        if (!id.matches("[A-Z]{3}[0-9A-F]{4}")) {
            throw new IllegalArgumentException("bad EISA id " + id);
        }
        int vendor = ((id.charAt(0) - 0x40) << 10) | ((id.charAt(1) - 0x40) << 5) | (id.charAt(2) - 0x40);
        int product = Integer.parseInt(id.substring(3), 16);
        return new byte[] {DWORD_PREFIX, (byte) (vendor >> 8), (byte) vendor, (byte) (product >> 8), (byte) product};
    }

    /** Resource template: IO(Decode16, base, base, 1, length) (6.4.2.5). */
    static byte[] io(int base, int length) {
        return new byte[] {0x47, 1, (byte) base, (byte) (base >> 8), (byte) base, (byte) (base >> 8), 1, (byte) length};
    }

    /** Resource template: IRQNoFlags() {irq}, an ISA interrupt: edge, active high (6.4.2.1). */
    static byte[] irqNoFlags(int irq) {
        int mask = 1 << irq;
        return new byte[] {0x22, (byte) mask, (byte) (mask >> 8)};
    }

    /** Resource template end tag (checksum 0: "the sum is not checked"). */
    static byte[] endTag() {
        return new byte[] {0x79, 0};
    }
}
