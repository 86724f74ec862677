package io.vireo.api.spi;

import io.vireo.api.ConnectUri;

/**
 * A hypervisor driver, registered as an OSGi service with {@link #SCHEME} naming the URI scheme it serves
 * ({@code test}, {@code kvm}, {@code qemu}, ...). The core tracks drivers dynamically: a driver bundle
 * dropped into deploy/ serves its scheme at once.
 */
public interface HypervisorDriver {
    /** Service property: the URI scheme served. */
    String SCHEME = "vireo.driver.scheme";
    /** Service property (Boolean): the core persists this driver's definitions under its config dir. */
    String PERSISTENT = "vireo.driver.persistent";
    /** Service property: the URI whose objects are autostarted when the driver arrives (e.g. {@code kvm:///system}). */
    String DEFAULT_URI = "vireo.driver.uri";

    /**
     * Opens the driver instance that serves {@code uri}. Fails with NO_CONNECT when the driver does not
     * serve that path.
     */
    DriverConnection open(ConnectUri uri, DriverContext context);
}
