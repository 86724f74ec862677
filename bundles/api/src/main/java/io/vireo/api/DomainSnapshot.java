package io.vireo.api;

/** A handle on one snapshot of a domain (libvirt's virDomainSnapshot). */
public interface DomainSnapshot {
    Domain domain();

    String name();

    String xmlDesc(int flags);

    boolean isCurrent();

    /** The parent snapshot, or null for a root. */
    DomainSnapshot parent();

    void revert(int flags);

    void delete(int flags);
}
