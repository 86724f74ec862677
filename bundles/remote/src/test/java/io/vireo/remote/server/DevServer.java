package io.vireo.remote.server;

import java.util.Map;

/**
 * Runs a server on the test stack by hand, for tracing real clients against it:
 * {@code java -cp <test classpath> io.vireo.remote.server.DevServer [port]}, then
 * {@code virsh -c test+tcp://127.0.0.1:<port>/default ...}. Not a test.
 */
public final class DevServer {
    private DevServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 16599;
        try (ServerFixture f = new ServerFixture(Map.of("tcp_port", port))) {
            System.out.println("serving " + f.tcpUri() + " and " + f.socket(false));
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
