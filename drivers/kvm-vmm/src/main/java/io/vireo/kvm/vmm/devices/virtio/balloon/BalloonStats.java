package io.vireo.kvm.vmm.devices.virtio.balloon;

import io.vireo.kvm.vmm.devices.virtio.VirtioError;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guest's memory statistics as its balloon driver last reported them (virtio 1.x section 5.5.6.3):
 * values by name in tag order, and when they came ({@code lastUpdate}, seconds since the epoch; 0 when the
 * guest has reported nothing yet). Names are QEMU's guest-stats names, so a management tool that maps
 * QEMU's statistics maps these the same way. Memory values are bytes, faults are counts.
 */
public record BalloonStats(long lastUpdate, Map<String, Long> values) {
    /** Size of one {@code struct virtio_balloon_stat}: le16 tag, le64 value, packed. */
    public static final int ENTRY = 10;
    /** Names of tags 0 (SWAP_IN) to 9 (HTLB_PGFAIL); later tags are not kept. */
    public static final List<String> NAMES = List.of("stat-swap-in", "stat-swap-out", "stat-major-faults",
            "stat-minor-faults", "stat-free-memory", "stat-total-memory", "stat-available-memory",
            "stat-disk-caches", "stat-htlb-pgalloc", "stat-htlb-pgfail");
    public static final BalloonStats NONE = new BalloonStats(0, Map.of());

    public BalloonStats {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Reads one stats buffer as the driver filled it; each buffer replaces the last one whole. */
    static BalloonStats parse(byte[] buffer, long now) {
        if (buffer.length % ENTRY != 0) {
            throw VirtioError.of("balloon stats buffer of %d bytes is not a whole number of 10-byte entries",
                    buffer.length);
        }
        Long[] byTag = new Long[NAMES.size()];
        ByteBuffer b = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int tag = b.getShort() & 0xffff;
            long value = b.getLong();
            if (tag < byTag.length) {
                byTag[tag] = value;
            }
        }
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < byTag.length; i++) {
            if (byTag[i] != null) {
                m.put(NAMES.get(i), byTag[i]);
            }
        }
        return new BalloonStats(now, m);
    }
}
