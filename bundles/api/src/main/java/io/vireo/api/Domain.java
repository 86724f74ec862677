package io.vireo.api;

import java.util.List;
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

    // Snapshots

    DomainSnapshot createSnapshot(String xml, int flags);

    List<DomainSnapshot> listAllSnapshots(int flags);

    DomainSnapshot lookupSnapshotByName(String name);

    DomainSnapshot currentSnapshot();

    boolean hasCurrentSnapshot();
}
