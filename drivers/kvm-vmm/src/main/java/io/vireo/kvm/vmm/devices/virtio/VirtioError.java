package io.vireo.kvm.vmm.devices.virtio;

/** The guest broke the virtio contract (bad address, loop, bad length): the device must be marked broken. */
public final class VirtioError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VirtioError(String message) {
        super(message);
    }

    public static VirtioError of(String format, Object... args) {
        return new VirtioError(String.format(format, args));
    }
}
