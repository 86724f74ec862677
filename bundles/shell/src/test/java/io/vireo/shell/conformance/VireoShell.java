package io.vireo.shell.conformance;

import io.vireo.api.spi.HypervisorDriver;
import io.vireo.core.DaemonConfig;
import io.vireo.core.connect.VireoConnectionFactory;
import io.vireo.core.registry.DriverRegistry;
import io.vireo.driver.test.TestHypervisorDriver;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.impl.action.command.ManagerImpl;
import org.apache.karaf.shell.impl.console.SessionFactoryImpl;
import org.apache.karaf.shell.support.CommandException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh Vireo stack (driver registry, test driver, connection factory, a collecting event bus) behind
 * Karaf's real shell machinery, run without a container: every {@code @Service} class of
 * {@code io.vireo.shell} is registered with Karaf's command manager, and commands run in one session, so
 * they share its connection as virsh's commands share one.
 */
final class VireoShell implements AutoCloseable {
    private static ThreadIOImpl threadIO;

    private final CollectingEventAdmin events = new CollectingEventAdmin();
    private final VireoConnectionFactory factory;
    private final SessionFactoryImpl sessionFactory;
    private final Session session;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    private final List<Throwable> unexpected = new ArrayList<>();

    VireoShell(Path workDir) {
        this(workDir, Map.of());
    }

    /** With {@code extraDrivers} (each with its service properties) registered beside the test driver. */
    VireoShell(Path workDir, Map<HypervisorDriver, Map<String, Object>> extraDrivers) {
        DriverRegistry registry = new DriverRegistry();
        registry.drivers().add(new TestHypervisorDriver(), Map.of("vireo.driver.scheme", "test",
                "vireo.driver.uri", "test:///default"));
        extraDrivers.forEach(registry.drivers()::add);
        factory = new VireoConnectionFactory(registry, events, config(workDir));
        sessionFactory = new SessionFactoryImpl(threadIO());
        ManagerImpl manager = new ManagerImpl(sessionFactory, sessionFactory);
        sessionFactory.register(manager);
        sessionFactory.getRegistry().register(factory);
        for (Class<?> type : serviceClasses()) {
            manager.register(type);
        }
        session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), console, console);
    }

    /** One ThreadIO for the JVM: it takes over System.out and routes each session's output to it. */
    private static synchronized ThreadIOImpl threadIO() {
        if (threadIO == null) {
            threadIO = new ThreadIOImpl();
            threadIO.start();
        }
        return threadIO;
    }

    /**
     * Runs one command line in the session and returns what it printed, errors printed as Karaf's console
     * prints them: a CommandException's nice help (Vireo's {@code error: ...} lines), anything else as
     * "Error executing command", which is also recorded as unexpected.
     */
    String run(String line) {
        int start = buffer.size();
        try {
            session.execute(line);
        } catch (Throwable t) {
            Throwable e = t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
            if (e instanceof CommandException ce) {
                console.println(ce.getNiceHelp() != null ? ce.getNiceHelp() : ce.getMessage());
            } else {
                unexpected.add(e);
                console.println("Error executing command: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getName()));
            }
        }
        console.flush();
        byte[] all = buffer.toByteArray();
        return new String(all, start, all.length - start, StandardCharsets.UTF_8);
    }

    CollectingEventAdmin events() {
        return events;
    }

    /** Runs {@code line} in a session of its own that is closed afterwards, as one bin/client or SSH command is. */
    void runInOwnSession(String line) throws Exception {
        Session other = sessionFactory.create(new ByteArrayInputStream(new byte[0]), console, console);
        try {
            other.execute(line);
        } finally {
            other.close();
        }
    }

    /** Connections the connection factory has open. */
    int openConnections() {
        return factory.openConnectionCount();
    }

    /** Exceptions that escaped a command other than as a CommandException: each is a bug. */
    List<Throwable> unexpected() {
        return unexpected;
    }

    @Override
    public void close() {
        session.close();
        sessionFactory.stop();
    }

    private static DaemonConfig config(Path workDir) {
        return new DaemonConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DaemonConfig.class;
            }

            @Override
            public String uri__default() {
                return "test:///default";
            }

            @Override
            public String config__dir() {
                return workDir.resolve("config").toString();
            }

            @Override
            public String run__dir() {
                return workDir.resolve("run").toString();
            }

            @Override
            public boolean autostart() {
                return false;
            }
        };
    }

    /** Every class of io.vireo.shell marked {@code @Service}: commands and completers, as Karaf's extender finds them. */
    static List<Class<?>> serviceClasses() {
        Path root;
        try {
            root = Path.of(VireoShell.class.getClassLoader().getResource("io/vireo/shell/support/VirtAction.class")
                    .toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = "io.vireo.shell." + root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name);
                if (type.isAnnotationPresent(Service.class)) {
                    out.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
