package io.vireo.xml;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import java.util.Locale;

/**
 * libvirt's scaled integers, as in {@code <memory unit='MiB'>}, {@code <capacity unit='G'>} and virsh
 * arguments such as {@code vol-create-as ... 10M} or {@code setmem ... 512M}. "b", "byte", "bytes" are
 * bytes; a letter alone or with "iB" is a power of 1024 (K, KiB, M, MiB, ... E, EiB); a letter with "B"
 * is a power of 1000 (KB, MB, ... EB). Case does not matter except that it never changes the base.
 */
public final class Units {
    public static final long KIB = 1024L;
    public static final long MIB = KIB * 1024;
    public static final long GIB = MIB * 1024;
    public static final long TIB = GIB * 1024;

    private static final String PREFIXES = "kmgtpe";

    private Units() {
    }

    /** The multiplier for a unit name; null or "" means {@code defaultScale}. */
    public static long scale(String unit, long defaultScale) {
        if (unit == null || unit.isEmpty()) {
            return defaultScale;
        }
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("b") || u.equals("byte") || u.equals("bytes")) {
            return 1;
        }
        int power = PREFIXES.indexOf(u.charAt(0)) + 1;
        if (power == 0) {
            throw unknownSuffix(unit);
        }
        String rest = u.substring(1);
        long base;
        if (rest.isEmpty() || rest.equals("ib")) {
            base = 1024;
        } else if (rest.equals("b")) {
            base = 1000;
        } else {
            throw unknownSuffix(unit);
        }
        long m = 1;
        for (int i = 0; i < power; i++) {
            m *= base;
        }
        return m;
    }

    /** {@code value × scale(unit)}, refusing overflow as libvirt does. */
    public static long toBytes(long value, String unit) {
        return multiply(value, scale(unit, 1), value + (unit == null ? "" : unit));
    }

    /** A value with a unit converted to KiB, rounding up; the unit defaults to KiB (memory elements). */
    public static long toKiB(long value, String unit) {
        long bytes = multiply(value, scale(unit, KIB), value + (unit == null ? "" : unit));
        return bytes / KIB + (bytes % KIB == 0 ? 0 : 1);
    }

    /**
     * Parses "10M", "512 MiB", "1G", "4096" into bytes; a bare number is multiplied by
     * {@code defaultScale} (1 for sizes in bytes, 1024 for memory given in KiB).
     */
    public static long parse(String text, long defaultScale) {
        if (text == null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "missing scaled integer");
        }
        String s = text.trim();
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid scaled integer '%s'", text);
        }
        long value;
        try {
            value = Long.parseLong(s.substring(0, i));
        } catch (NumberFormatException e) {
            throw overflow(text);
        }
        String unit = s.substring(i).trim();
        return multiply(value, scale(unit, defaultScale), text);
    }

    /** {@link #parse(String, long)} with bytes as the default unit. */
    public static long parseBytes(String text) {
        return parse(text, 1);
    }

    /** {@link #parse(String, long)} for memory: a bare number is KiB; the result is KiB, rounded up. */
    public static long parseKiB(String text) {
        long bytes = parse(text, KIB);
        return bytes / KIB + (bytes % KIB == 0 ? 0 : 1);
    }

    private static long multiply(long value, long scale, String shown) {
        if (value < 0) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "negative value '%s'", shown);
        }
        try {
            return Math.multiplyExact(value, scale);
        } catch (ArithmeticException e) {
            throw overflow(shown);
        }
    }

    private static VirtException overflow(String shown) {
        return VirtException.of(ErrorCode.OVERFLOW, ErrorDomain.NONE, "value too large: " + shown);
    }

    private static VirtException unknownSuffix(String unit) {
        return VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "unknown suffix '%s'", unit);
    }
}
