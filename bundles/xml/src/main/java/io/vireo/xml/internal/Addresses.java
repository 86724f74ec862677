package io.vireo.xml.internal;

/**
 * IP address literals, checked without {@link java.net.InetAddress} name lookup so that a bad
 * address in a definition never turns into a DNS query.
 */
final class Addresses {
    private Addresses() {
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        if (s.isEmpty() || s.length() > 45 || s.indexOf(':') < 0) {
            return false;
        }
        String head = s;
        int groupsForV4 = 0;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.') > lastColon) {
            if (!isIpv4(s.substring(lastColon + 1))) {
                return false;
            }
            head = s.substring(0, lastColon + 1) + "0";
            groupsForV4 = 1; // the dotted tail stands for two groups; "0" stands for one
        }
        int compress = head.indexOf("::");
        if (compress >= 0 && head.indexOf("::", compress + 1) >= 0) {
            return false;
        }
        String[] groups = head.replace("::", ":x:").split(":", -1);
        int count = 0;
        for (String g : groups) {
            if (g.equals("x") || g.isEmpty()) {
                if (g.isEmpty() && compress < 0) {
                    return false;
                }
                continue;
            }
            if (g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
            count++;
        }
        count += groupsForV4;
        return compress >= 0 ? count < 8 : count == 8;
    }

    static boolean isIp(String s) {
        return isIpv4(s) || isIpv6(s);
    }
}
