package io.vireo.remote.server;

import io.vireo.api.Connection;
import io.vireo.api.Domain;
import io.vireo.api.DomainSnapshot;
import io.vireo.api.Network;
import io.vireo.api.StoragePool;
import io.vireo.api.StorageVolume;
import io.vireo.remote.protocol.NonnullDomain;
import io.vireo.remote.protocol.NonnullDomainSnapshot;
import io.vireo.remote.protocol.NonnullNetwork;
import io.vireo.remote.protocol.NonnullStoragePool;
import io.vireo.remote.protocol.NonnullStorageVol;

/**
 * Objects on the wire and in the API, both ways. Incoming references are resolved by UUID (pools'
 * volumes by pool and name), as libvirt's drivers do: the name a client cached may be stale.
 */
final class Refs {

    private Refs() {
    }

    static NonnullDomain wire(Domain d) {
        return new NonnullDomain(d.name(), d.uuid(), d.id());
    }

    static Domain domain(Session s, NonnullDomain d) {
        return s.conn().lookupDomainByUuid(d.uuid());
    }

    static NonnullNetwork wire(Network n) {
        return new NonnullNetwork(n.name(), n.uuid());
    }

    static Network network(Session s, NonnullNetwork n) {
        return s.conn().lookupNetworkByUuid(n.uuid());
    }

    static NonnullStoragePool wire(StoragePool p) {
        return new NonnullStoragePool(p.name(), p.uuid());
    }

    static StoragePool pool(Session s, NonnullStoragePool p) {
        return s.conn().lookupStoragePoolByUuid(p.uuid());
    }

    static NonnullStorageVol wire(StorageVolume v) {
        return new NonnullStorageVol(v.poolName(), v.name(), v.key());
    }

    static StorageVolume volume(Session s, NonnullStorageVol v) {
        Connection c = s.conn();
        return c.lookupStoragePoolByName(v.pool()).lookupVolumeByName(v.name());
    }

    static NonnullDomainSnapshot wire(DomainSnapshot snap) {
        return new NonnullDomainSnapshot(snap.name(), wire(snap.domain()));
    }

    static DomainSnapshot snapshot(Session s, NonnullDomainSnapshot snap) {
        return domain(s, snap.dom()).lookupSnapshotByName(snap.name());
    }
}
