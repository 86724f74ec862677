package io.vireo.driver.test;

import io.vireo.api.ConnectUri;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import io.vireo.api.spi.DriverConnection;
import io.vireo.api.spi.DriverContext;
import io.vireo.api.spi.HypervisorDriver;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code test} scheme. {@code test:///default} is one shared host with libvirt's default fixtures for
 * the life of this component; {@code test:///path/to/node.xml} gives each connection a private host made
 * from that file, as libvirt does.
 */
@Component(service = HypervisorDriver.class, configurationPid = TestHypervisorDriver.PID,
        property = {HypervisorDriver.SCHEME + "=test", HypervisorDriver.DEFAULT_URI + "=test:///default"})
@Designate(ocd = TestDriverConfig.class)
public class TestHypervisorDriver implements HypervisorDriver {
    public static final String PID = "io.vireo.driver.test";
    private static final long MAX_FIXTURE_BYTES = 10L * 1024 * 1024;

    private final String capabilities = resource("capabilities.xml");
    private TestHost defaultHost;

    @Override
    public DriverConnection open(ConnectUri uri, DriverContext context) {
        String path = uri.path();
        if ("/default".equals(path)) {
            return new TestConnection(defaultHost(context), capabilities);
        }
        if (path.isEmpty() || "/".equals(path)) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.TEST,
                    "testOpen: supply a path or use test:///default");
        }
        NodeFixture fixture = NodeFixture.parse(readFixture(Path.of(path)), path);
        return new TestConnection(TestHost.fromFixture(fixture, context.events(),
                new PrivateStore()), capabilities);
    }

    private synchronized TestHost defaultHost(DriverContext context) {
        if (defaultHost == null) {
            NodeFixture fixture = NodeFixture.parse(resource("default-node.xml").getBytes(StandardCharsets.UTF_8),
                    "default-node.xml");
            defaultHost = TestHost.fromStoreOrFixture(fixture, context.events(), context.definitions());
        }
        return defaultHost;
    }

    private static byte[] readFixture(Path file) {
        try {
            if (Files.size(file) > MAX_FIXTURE_BYTES) {
                throw VirtException.of(ErrorCode.READ_FAILED, ErrorDomain.TEST, "%s is larger than %d bytes", file,
                        MAX_FIXTURE_BYTES);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw VirtException.of(ErrorCode.OPEN_FAILED, ErrorDomain.TEST, "%s: No such file or directory", file);
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.READ_FAILED, ErrorDomain.TEST, "%s: %s", file, e.getMessage());
        }
    }

    private static String resource(String name) {
        try (InputStream in = TestHypervisorDriver.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }
}
