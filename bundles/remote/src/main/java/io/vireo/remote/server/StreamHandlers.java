package io.vireo.remote.server;

import static io.vireo.remote.protocol.Procedure.DOMAIN_OPEN_CONSOLE;

import io.vireo.api.ConsoleStream;
import io.vireo.api.Domain;
import io.vireo.remote.protocol.CommonProcs.Empty;
import io.vireo.remote.protocol.DomainProcs.OpenConsoleArgs;

import java.io.IOException;

/**
 * Calls that open a stream: DOMAIN_OPEN_CONSOLE (201). The reply is void; the console's bytes then
 * travel as STREAM packets with the call's procedure and serial (see {@link ConsoleBridge}). Errors opening
 * it (not running, no such device, a session already there without FORCE, read-only, no console support)
 * are the call's error reply, as from libvirtd.
 */
final class StreamHandlers {

    private StreamHandlers() {
    }

    static void register(HandlerTable t) {
        t.onStream(DOMAIN_OPEN_CONSOLE, OpenConsoleArgs.class, (s, a, call) -> {
            Streams streams = s.streams();
            StreamTransport transport = streams.transport();
            Domain d = Refs.domain(s, a.dom());
            streams.checkRoom();
            ConsoleStream console = d.openConsole(a.devName(), a.flags());
            try {
                streams.add(new ConsoleBridge(call, d.name(), console, streams, transport));
            } catch (RuntimeException e) {
                try {
                    console.close();
                } catch (IOException | RuntimeException ignored) {
                    // the call fails either way
                }
                throw e;
            }
            return Empty.INSTANCE;
        });
    }
}
