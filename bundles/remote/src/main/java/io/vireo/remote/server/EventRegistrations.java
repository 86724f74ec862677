package io.vireo.remote.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One client's event callbacks. Each registration gets an id unique on this connection, which every
 * event message then carries; the client routes by it. A non-null filter restricts it to one object.
 */
final class EventRegistrations {

    enum Kind { DOMAIN, NETWORK, STORAGE_POOL }

    record Registration(int callbackId, Kind kind, int eventId, UUID filter) {
        boolean matches(Kind k, int event, UUID uuid) {
            return kind == k && eventId == event && (filter == null || filter.equals(uuid));
        }
    }

    /** Bounds what one client can make us remember (virsh event --all registers 27). */
    static final int MAX_PER_CLIENT = 1024;

    private final Map<Integer, Registration> byId = new LinkedHashMap<>();
    private int nextId = 1;

    /** The new callback id, or -1 when the client already has {@link #MAX_PER_CLIENT}. */
    synchronized int add(Kind kind, int eventId, UUID filter) {
        if (byId.size() >= MAX_PER_CLIENT) {
            return -1;
        }
        int id = nextId++;
        byId.put(id, new Registration(id, kind, eventId, filter));
        return id;
    }

    /** Removes a registration of this kind; false when there is none with that id. */
    synchronized boolean remove(Kind kind, int callbackId) {
        Registration r = byId.get(callbackId);
        if (r == null || r.kind() != kind) {
            return false;
        }
        byId.remove(callbackId);
        return true;
    }

    /** Registrations that want this event, in registration order. */
    synchronized List<Registration> matching(Kind kind, int eventId, UUID uuid) {
        List<Registration> out = new ArrayList<>(2);
        for (Registration r : byId.values()) {
            if (r.matches(kind, eventId, uuid)) {
                out.add(r);
            }
        }
        return out;
    }

    synchronized boolean isEmpty() {
        return byId.isEmpty();
    }

    synchronized void clear() {
        byId.clear();
    }
}
