package io.vireo.shell.support;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Scaled integers as virsh reads them ({@code setmem 512M}, {@code vol-create-as ... 10G}): libvirt's
 * {@code virStrToLong_ullp} followed by {@code virScaleInteger}. Values are unsigned 64-bit numbers held
 * in a {@code long} (use {@link Long#toUnsignedString} and {@link Long#compareUnsigned} on them).
 *
 * <p>A number may have leading white space and a {@code +}, never a {@code -}. The suffix that follows
 * it, taken as is (so {@code "10 M"} has the suffix {@code " M"}): none means {@code scale}; {@code b},
 * {@code byte}, {@code bytes} are bytes; a letter of {@code kmgtpe} alone or followed by {@code iB} is a
 * power of 1024; the letter followed by {@code B} is a power of 1000. Case never matters.
 */
public final class Sizes {
    /** {@code ULLONG_MAX}, the largest unsigned 64-bit value. */
    public static final long ULLONG_MAX = -1L;

    private static final String PREFIXES = "kmgtpe";
    private static final BigInteger MAX = new BigInteger("18446744073709551615");

    private Sizes() {
    }

    /** Why a scaled integer was refused: not a number at all, or a number libvirt refused with an error. */
    public static final class SizeException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String libvirtError;

        SizeException(String libvirtError) {
            super(libvirtError == null ? "malformed number" : libvirtError, null, false, false);
            this.libvirtError = libvirtError;
        }

        /**
         * The error libvirt reports for the value ({@code invalid argument: unknown suffix 'X'},
         * {@code numerical overflow: value too large: 16E}), which virsh prints after its own line; null
         * when the text is not a number, where libvirt reports nothing.
         */
        public String libvirtError() {
            return libvirtError;
        }
    }

    /**
     * Parses {@code text} into an unsigned value: the number times the suffix's multiplier (or
     * {@code scale} without a suffix), refused when above {@code limit} (unsigned).
     */
    public static long parse(String text, long scale, long limit) throws SizeException {
        int i = 0;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            if (text.charAt(i) == '-') {
                throw new SizeException(null);
            }
            i++;
        }
        int digits = i;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == digits) {
            throw new SizeException(null);
        }
        BigInteger number = new BigInteger(text.substring(digits, i));
        if (number.compareTo(MAX) > 0) {
            throw new SizeException(null);
        }
        long value = number.longValue();
        String suffix = text.substring(i);
        long multiplier = suffix.isEmpty() ? scale : multiplier(suffix);
        if (value != 0 && Long.compareUnsigned(value, Long.divideUnsigned(limit, multiplier)) > 0) {
            throw new SizeException("numerical overflow: value too large: " + Long.toUnsignedString(value) + suffix);
        }
        return value * multiplier;
    }

    /** {@code bytes} in KiB, rounded up, as virsh's {@code VIR_DIV_UP(bytes, 1024)}. */
    public static long toKiB(long bytes) {
        long kib = Long.divideUnsigned(bytes, 1024);
        return Long.remainderUnsigned(bytes, 1024) == 0 ? kib : kib + 1;
    }

    private static long multiplier(String suffix) throws SizeException {
        String s = suffix.toLowerCase(Locale.ROOT);
        if (s.equals("b") || s.equals("byte") || s.equals("bytes")) {
            return 1;
        }
        long base;
        if (s.length() == 1 || s.substring(1).equals("ib")) {
            base = 1024;
        } else if (s.length() == 2 && s.charAt(1) == 'b') {
            base = 1000;
        } else {
            throw unknownSuffix(suffix);
        }
        int power = PREFIXES.indexOf(s.charAt(0)) + 1;
        if (power == 0) {
            throw unknownSuffix(suffix);
        }
        long m = 1;
        for (int p = 0; p < power; p++) {
            m *= base;
        }
        return m;
    }

    private static SizeException unknownSuffix(String suffix) {
        return new SizeException("invalid argument: unknown suffix '" + suffix + "'");
    }

    /** C's isspace in the C locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}
