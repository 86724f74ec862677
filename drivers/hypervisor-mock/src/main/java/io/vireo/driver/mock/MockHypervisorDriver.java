package io.vireo.driver.mock;

import io.vireo.api.ConnectUri;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.DriverContext;
import io.vireo.api.spi.HypervisorDriver;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code mock} scheme: one in-memory host, {@code mock:///default}, whose domain definitions the core
 * keeps on disk ({@value HypervisorDriver#PERSISTENT}=true: {@code <config_dir>/mock/<name>.xml}). It is
 * the example of a third-party driver: a bundle with one DS component, dropped into deploy/.
 */
@Component(service = HypervisorDriver.class, property = {
        HypervisorDriver.SCHEME + "=mock",
        HypervisorDriver.DEFAULT_URI + "=" + MockHypervisorDriver.DEFAULT_URI,
        HypervisorDriver.PERSISTENT + ":Boolean=true"})
public class MockHypervisorDriver implements HypervisorDriver {
    static final String DEFAULT_URI = "mock:///default";

    /** Created at the first open, from the definitions on disk; lives as long as this component. */
    private MockHost host;

    @Override
    public DriverConnection open(ConnectUri uri, DriverContext context) {
        if (!"/default".equals(uri.path())) {
            throw VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.NONE,
                    "%s (the mock driver serves only %s)", uri, DEFAULT_URI);
        }
        return new MockConnection(host(context));
    }

    private synchronized MockHost host(DriverContext context) {
        if (host == null) {
            host = MockHost.load(context.definitions(), context.events());
        }
        return host;
    }
}
