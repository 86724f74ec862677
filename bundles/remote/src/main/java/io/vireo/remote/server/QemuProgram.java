package io.vireo.remote.server;

import io.vireo.remote.protocol.CommonProcs.OneString;
import io.vireo.remote.protocol.DomainProcs.DomainXmlFlagsArgs;
import io.vireo.remote.protocol.Packet;
import io.vireo.remote.protocol.Program;
import io.vireo.remote.xdr.XdrStruct;

/**
 * libvirt's second program, QEMU_PROGRAM (0x20008087): the calls behind {@code virsh qemu-monitor-command}
 * and friends, which reach past the driver to the hypervisor's monitor. Only DOMAIN_MONITOR_COMMAND (1) is
 * served; its args are a domain, the command and flags (the layout of a domain-string-flags call), its ret
 * the monitor's answer. The driver decides what the command means (QMP JSON, or HMP with flag 1); drivers
 * without a monitor answer NO_SUPPORT, as libvirt's do.
 */
final class QemuProgram {
    private QemuProgram() {
    }

    /** Whether this program has {@code procedure}; others get NO_SUPPORT from the dispatcher. */
    static boolean serves(int procedure) {
        return procedure == Program.QEMU_DOMAIN_MONITOR_COMMAND;
    }

    static XdrStruct serve(Session session, Packet call) {
        DomainXmlFlagsArgs a = call.decodePayload(DomainXmlFlagsArgs::decode);
        return new OneString(Refs.domain(session, a.dom()).qemuMonitorCommand(a.xml(), a.flags()));
    }
}
