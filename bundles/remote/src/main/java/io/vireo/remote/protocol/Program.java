package io.vireo.remote.protocol;

/** RPC program numbers; every program is at version 1. */
public final class Program {
    public static final int REMOTE = 0x20008086;
    public static final int QEMU = 0x20008087;
    public static final int LXC = 0x00068000;
    /** "keep" in ASCII. */
    public static final int KEEPALIVE = 0x6b656570;

    public static final int VERSION = 1;

    /** QEMU procedure 1: virDomainQemuMonitorCommand (args: domain, command, flags; ret: the answer). */
    public static final int QEMU_DOMAIN_MONITOR_COMMAND = 1;

    /** KEEPALIVE procedures; both are MESSAGE packets with serial 0 and no payload. */
    public static final int KEEPALIVE_PING = 1;
    public static final int KEEPALIVE_PONG = 2;

    private Program() {
    }
}
