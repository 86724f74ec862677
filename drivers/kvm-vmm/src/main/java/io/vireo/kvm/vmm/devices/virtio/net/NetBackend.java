package io.vireo.kvm.vmm.devices.virtio.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a virtio-net device's frames go and come from. Frames cross this interface with the
 * 12-byte virtio_net_hdr_v1 in front (the layout a tap opened with IFF_VNET_HDR and a vnet header
 * size of 12 uses), so a tap needs no copying. A tap backend (/dev/net/tun, IFF_TAP|IFF_NO_PI|
 * IFF_VNET_HDR) is the next step; tests use an in-memory one.
 */
public interface NetBackend extends AutoCloseable {
    /** Sends one frame, given as the concatenation of {@code parts} (header first). */
    void transmit(List<ByteBuffer> parts) throws IOException;

    /** Starts delivering received frames (header + frame) to {@code sink}, from a backend thread. */
    void start(Consumer<byte[]> sink);

    @Override
    void close() throws IOException;
}
