package io.vireo.xml.internal;

import java.security.SecureRandom;
import java.util.Locale;

/** MAC addresses: canonical form, multicast test, and generation in QEMU's 52:54:00 range as libvirt does. */
public final class Macs {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Macs() {
    }

    /** "AA:b:0c:..." → "aa:0b:0c:...", or null if it is not six hex octets separated by colons. */
    public static String canonical(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 6) {
            return null;
        }
        StringBuilder sb = new StringBuilder(17);
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2) {
                return null;
            }
            int v;
            try {
                v = Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                return null;
            }
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format(Locale.ROOT, "%02x", v));
        }
        return sb.toString();
    }

    /** The group bit of the first octet. */
    public static boolean isMulticast(String canonical) {
        return (Integer.parseInt(canonical.substring(0, 2), 16) & 1) != 0;
    }

    /** A random address 52:54:00:xx:xx:xx. */
    public static String generate() {
        return String.format(Locale.ROOT, "52:54:00:%02x:%02x:%02x",
                RANDOM.nextInt(256), RANDOM.nextInt(256), RANDOM.nextInt(256));
    }
}
