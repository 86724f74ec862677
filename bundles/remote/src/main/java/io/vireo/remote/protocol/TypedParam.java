package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrEncoder;
import io.vireo.remote.xdr.XdrException;
import io.vireo.remote.xdr.XdrStruct;

import java.util.List;
import java.util.Objects;

/**
 * {@code remote_typed_param}: a named value, the value being a union over virTypedParameterType.
 * Names longer than 79 bytes are rejected both ways, because both libvirt peers copy them into an
 * 80-byte field. STRING values may only be sent when the call's flags carry
 * {@link #STRING_OKAY}; that is the caller's business.
 */
public record TypedParam(String field, Value value) implements XdrStruct {

    public static final int TYPE_INT = 1;
    public static final int TYPE_UINT = 2;
    public static final int TYPE_LLONG = 3;
    public static final int TYPE_ULLONG = 4;
    public static final int TYPE_DOUBLE = 5;
    public static final int TYPE_BOOLEAN = 6;
    public static final int TYPE_STRING = 7;

    /** VIR_TYPED_PARAM_STRING_OKAY, the flag bit that allows STRING values in a reply. */
    public static final int STRING_OKAY = 4;

    public TypedParam {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
    }

    /** The union arm; {@link #type()} is its discriminant. */
    public sealed interface Value {
        int type();
    }

    public record IntValue(int value) implements Value {
        public int type() {
            return TYPE_INT;
        }
    }

    /** Raw 32 bits of an unsigned int. */
    public record UIntValue(int value) implements Value {
        public int type() {
            return TYPE_UINT;
        }
    }

    public record LLongValue(long value) implements Value {
        public int type() {
            return TYPE_LLONG;
        }
    }

    /** Raw 64 bits of an unsigned long long. */
    public record ULLongValue(long value) implements Value {
        public int type() {
            return TYPE_ULLONG;
        }
    }

    public record DoubleValue(double value) implements Value {
        public int type() {
            return TYPE_DOUBLE;
        }
    }

    /** Sent as an int; any non-zero int reads as true, and true is sent as 1. */
    public record BooleanValue(boolean value) implements Value {
        public int type() {
            return TYPE_BOOLEAN;
        }
    }

    public record StringValue(String value) implements Value {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        public int type() {
            return TYPE_STRING;
        }
    }

    public static TypedParam ofInt(String field, int v) {
        return new TypedParam(field, new IntValue(v));
    }

    public static TypedParam ofUInt(String field, int v) {
        return new TypedParam(field, new UIntValue(v));
    }

    public static TypedParam ofLLong(String field, long v) {
        return new TypedParam(field, new LLongValue(v));
    }

    public static TypedParam ofULLong(String field, long v) {
        return new TypedParam(field, new ULLongValue(v));
    }

    public static TypedParam ofDouble(String field, double v) {
        return new TypedParam(field, new DoubleValue(v));
    }

    public static TypedParam ofBoolean(String field, boolean v) {
        return new TypedParam(field, new BooleanValue(v));
    }

    public static TypedParam ofString(String field, String v) {
        return new TypedParam(field, new StringValue(v));
    }

    public static TypedParam decode(XdrDecoder d) {
        String field = d.readString(Wire.TYPED_PARAM_FIELD_MAX);
        int type = d.readInt();
        Value value = switch (type) {
            case TYPE_INT -> new IntValue(d.readInt());
            case TYPE_UINT -> new UIntValue(d.readUnsignedInt());
            case TYPE_LLONG -> new LLongValue(d.readHyper());
            case TYPE_ULLONG -> new ULLongValue(d.readUnsignedHyper());
            case TYPE_DOUBLE -> new DoubleValue(d.readDouble());
            case TYPE_BOOLEAN -> new BooleanValue(d.readInt() != 0);
            case TYPE_STRING -> new StringValue(d.readString(Wire.STRING_MAX));
            default -> throw new XdrException("unknown typed parameter type " + type + " for '" + field + "'");
        };
        return new TypedParam(field, value);
    }

    @Override
    public void encode(XdrEncoder e) {
        e.writeString(field, Wire.TYPED_PARAM_FIELD_MAX).writeInt(value.type());
        if (value instanceof IntValue v) {
            e.writeInt(v.value());
        } else if (value instanceof UIntValue v) {
            e.writeUnsignedInt(v.value());
        } else if (value instanceof LLongValue v) {
            e.writeHyper(v.value());
        } else if (value instanceof ULLongValue v) {
            e.writeUnsignedHyper(v.value());
        } else if (value instanceof DoubleValue v) {
            e.writeDouble(v.value());
        } else if (value instanceof BooleanValue v) {
            e.writeInt(v.value() ? 1 : 0);
        } else if (value instanceof StringValue v) {
            e.writeString(v.value(), Wire.STRING_MAX);
        }
    }

    /** {@code remote_typed_param params<max>}. */
    public static List<TypedParam> decodeList(XdrDecoder d, int max) {
        // field length word + discriminant + smallest arm = 12 bytes at least
        return d.readArray(max, 12, TypedParam::decode);
    }

    public static void encodeList(XdrEncoder e, List<TypedParam> params, int max) {
        e.writeArray(params, max, XdrEncoder::writeStruct);
    }
}
