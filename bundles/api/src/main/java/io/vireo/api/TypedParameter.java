package io.vireo.api;

import java.util.Objects;

/**
 * libvirt's virTypedParameter: a named value of one of its types (int, unsigned int, long long, unsigned
 * long long, double, boolean, string). Unsigned values are held in the signed Java type of the same width;
 * {@link #value()} boxes them as Integer or Long.
 */
public record TypedParameter(String name, Type type, Object value) {

    /** The parameter types with libvirt's numbers. */
    public enum Type {
        INT(1), UINT(2), LLONG(3), ULLONG(4), DOUBLE(5), BOOLEAN(6), STRING(7);

        private final int number;

        Type(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }
    }

    public TypedParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static TypedParameter ofInt(String name, int value) {
        return new TypedParameter(name, Type.INT, value);
    }

    public static TypedParameter ofUInt(String name, int value) {
        return new TypedParameter(name, Type.UINT, value);
    }

    public static TypedParameter ofULLong(String name, long value) {
        return new TypedParameter(name, Type.ULLONG, value);
    }

    public static TypedParameter ofString(String name, String value) {
        return new TypedParameter(name, Type.STRING, value);
    }

    /** The value as libvirt's tools print it: unsigned types without a sign, doubles as "%f", booleans as yes/no. */
    public String text() {
        return switch (type) {
            case UINT -> Integer.toUnsignedString((Integer) value);
            case ULLONG -> Long.toUnsignedString((Long) value);
            case DOUBLE -> String.format(java.util.Locale.ROOT, "%f", (Double) value);
            case BOOLEAN -> (Boolean) value ? "yes" : "no";
            default -> String.valueOf(value);
        };
    }
}
