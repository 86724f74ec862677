package io.vireo.api.spi;

import java.nio.file.Path;

/** What the core gives a driver when it opens: where to post events and where to keep definitions. */
public interface DriverContext {
    /** The canonical URI of the connection being opened. */
    String uri();

    EventSink events();

    /** Persistent definitions of this driver, or an in-memory store when the driver is not persistent. */
    DefinitionStore definitions();

    /** A directory for live state of running objects (PID files, sockets, status XML). */
    Path runDirectory();
}
