package io.vireo.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A handle on one domain (libvirt's virDomain). Name and UUID are fixed; everything else is read live. */
public interface Domain {

    Connection connection();

    String name();

    UUID uuid();

    /** The running domain's id, or -1 when it is not running. */
    int id();

    String osType();

    DomainInfo info();

    DomainStateReason state();

    boolean isActive();

    boolean isPersistent();

    boolean autostart();

    void setAutostart(boolean autostart);

    boolean hasManagedSaveImage();

    /** The domain XML; {@link DomainFlags#XML_INACTIVE} gives the persistent definition. */
    String xmlDesc(int flags);

    /** Starts a defined domain ({@link DomainFlags#START_PAUSED} and the other start flags). */
    void create(int flags);

    void shutdown(int flags);

    void destroy(int flags);

    void reboot(int flags);

    void suspend();

    void resume();

    void undefine(int flags);

    /** Sets current (or with {@link DomainFlags#MEM_MAXIMUM}, maximum) memory in KiB. */
    void setMemory(long kib, int flags);

    void setVcpus(int count, int flags);

    /** virDomainSetMemoryStatsPeriod: the balloon's statistics period in seconds (0 stops it). */
    default void setMemoryStatsPeriod(int period, int flags) {
        throw VirtException.noSupport(ErrorDomain.DOM, "virDomainSetMemoryStatsPeriod");
    }

    SecurityLabel securityLabel();

    /**
     * Attaches to the running domain's console {@code device} (null: its first console), libvirt's
     * {@code virDomainOpenConsole} with {@link DomainFlags#CONSOLE_FORCE} and {@link DomainFlags#CONSOLE_SAFE}.
     * Refused on a read-only connection; NO_SUPPORT where the driver has no consoles. The caller closes
     * the stream to detach. The default answers NO_SUPPORT, so that implementations written before this
     * method keep compiling.
     */
    default ConsoleStream openConsole(String device, int flags) {
        throw VirtException.noSupport(ErrorDomain.DOM, "virDomainOpenConsole");
    }

    // Devices. Refused on a read-only connection; NO_SUPPORT where the driver cannot add or remove devices.
    // The defaults answer NO_SUPPORT, so that implementations written before these methods keep compiling.

    /**
     * Adds the device described by {@code xml} (one {@code <disk>}, {@code <interface>}, ... element),
     * libvirt's {@code virDomainAttachDeviceFlags}: {@link DomainFlags#AFFECT_LIVE} the running domain,
     * {@link DomainFlags#AFFECT_CONFIG} its persistent definition, both, or {@link DomainFlags#AFFECT_CURRENT}
     * (live if running, else config).
     */
    default void attachDevice(String xml, int flags) {
        throw VirtException.noSupport(ErrorDomain.DOM, "virDomainAttachDeviceFlags");
    }

    /**
     * libvirt's older {@code virDomainAttachDevice}: the same as {@link #attachDevice(String, int)} on the
     * running domain ({@link DomainFlags#AFFECT_LIVE}), reported and audited under its own name, which is
     * what virsh calls when given none of --live, --config, --current, --persistent.
     */
    default void attachDevice(String xml) {
        throw VirtException.noSupport(ErrorDomain.DOM, "virDomainAttachDevice");
    }

    /**
     * Removes the device {@code xml} describes, libvirt's {@code virDomainDetachDeviceFlags}, with the
     * flags of {@link #attachDevice(String, int)}. A device the domain does not have fails with DEVICE_MISSING.
     */
    default void detachDevice(String xml, int flags) {
        throw VirtException.noSupport(ErrorDomain.DOM, "virDomainDetachDeviceFlags");
    }

    /** libvirt's older {@code virDomainDetachDevice}: {@link #detachDevice(String, int)} on the running domain. */
    default void detachDevice(String xml) {
        throw VirtException.noSupport(ErrorDomain.DOM, "virDomainDetachDevice");
    }

    // Statistics of a running domain. Allowed on read-only connections, as in libvirt; NO_SUPPORT where the
    // driver keeps no counters.

    /** I/O counters of one disk, named by its target ({@code vda}) or source path: {@code virDomainBlockStats}. */
    default BlockStats blockStats(String device) {
        throw VirtException.noSupport(ErrorDomain.DOM, "virDomainBlockStats");
    }

    /**
     * Traffic counters of one interface, named by its host-side device ({@code vnet0}) or MAC address:
     * {@code virDomainInterfaceStats}.
     */
    default InterfaceStats interfaceStats(String device) {
        throw VirtException.noSupport(ErrorDomain.DOM, "virDomainInterfaceStats");
    }

    /**
     * {@code virDomainMemoryStats}: values by libvirt's tag names ({@code actual}, {@code swap_in},
     * {@code unused}, {@code available}, {@code usable}, {@code rss}, ...; KiB, {@code last_update} in
     * seconds), in libvirt's tag order; tags the guest does not report are absent.
     */
    default Map<String, Long> memoryStats() {
        throw VirtException.noSupport(ErrorDomain.DOM, "virDomainMemoryStats");
    }

    /**
     * {@code virDomainGetCPUStats} for the whole domain ({@code start_cpu} -1): {@code cpu_time},
     * {@code user_time}, {@code system_time} in nanoseconds.
     */
    default Map<String, Long> cpuStats() {
        throw VirtException.noSupport(ErrorDomain.DOM, "virDomainGetCPUStats");
    }

    /**
     * Sends a raw command to the QEMU monitor of a running domain and returns QEMU's reply,
     * {@code virDomainQemuMonitorCommand}: a QMP JSON command, or a human-monitor command line with
     * {@link DomainFlags#QEMU_MONITOR_COMMAND_HMP}. Refused on a read-only connection (as in libvirt);
     * NO_SUPPORT where the domain has no QEMU monitor.
     */
    default String qemuMonitorCommand(String command, int flags) {
        throw VirtException.noSupport(ErrorDomain.DOM, "virDomainQemuMonitorCommand");
    }

    // Snapshots

    DomainSnapshot createSnapshot(String xml, int flags);

    List<DomainSnapshot> listAllSnapshots(int flags);

    DomainSnapshot lookupSnapshotByName(String name);

    DomainSnapshot currentSnapshot();

    boolean hasCurrentSnapshot();
}
