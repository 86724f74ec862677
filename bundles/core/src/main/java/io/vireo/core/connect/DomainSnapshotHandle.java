package io.vireo.core.connect;

import io.vireo.api.Domain;
import io.vireo.api.DomainSnapshot;

import java.util.Objects;

/** A snapshot handle: the domain and the snapshot's name. */
final class DomainSnapshotHandle implements DomainSnapshot {
    private final DomainHandle domain;
    private final String name;

    DomainSnapshotHandle(DomainHandle domain, String name) {
        this.domain = domain;
        this.name = name;
    }

    @Override
    public Domain domain() {
        return domain;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String xmlDesc(int flags) {
        return domain.snapshotRole("virDomainSnapshotGetXMLDesc").xmlDesc(domain.uuid(), name, flags);
    }

    @Override
    public boolean isCurrent() {
        return name.equals(domain.snapshotRole("virDomainSnapshotIsCurrent").current(domain.uuid()));
    }

    @Override
    public DomainSnapshot parent() {
        String parent = domain.snapshotRole("virDomainSnapshotGetParent").parent(domain.uuid(), name);
        return parent == null ? null : domain.snapshot(parent);
    }

    @Override
    public void revert(int flags) {
        domain.changeSnapshot("virDomainRevertToSnapshot", name, s -> s.revert(domain.uuid(), name, flags));
    }

    @Override
    public void delete(int flags) {
        domain.changeSnapshot("virDomainSnapshotDelete", name, s -> s.delete(domain.uuid(), name, flags));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainSnapshotHandle s && s.domain.equals(domain) && s.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, name);
    }
}
