package io.vireo.remote.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The packets of the captured virsh 9.0 / libvirtd 9.0 sessions (research/traces/*.pcap), one per
 * line in capture order: {@code C} (client to server) or {@code S}, then the packet in hex.
 */
final class Traces {

    static final String[] NAMES = {
        "virsh-list-all", "virsh-version", "virsh-define-start-dominfo-destroy-undefine",
    };

    record Captured(boolean fromClient, byte[] bytes) {
    }

    static List<Captured> load(String name) {
        String resource = "/traces/" + name + ".hex";
        try (InputStream in = Traces.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            List<Captured> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                out.add(new Captured(parts[0].equals("C"), HexFormat.of().parseHex(parts[1])));
            }
            return out;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static List<byte[]> allPackets() {
        List<byte[]> out = new ArrayList<>();
        for (String n : NAMES) {
            for (Captured c : load(n)) {
                out.add(c.bytes());
            }
        }
        return out;
    }

    private Traces() {
    }
}
