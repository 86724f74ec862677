package io.vireo.shell.monitor;

import io.vireo.shell.support.VirtAction.CommandFailure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** JSON read and written as libvirt's yajl-based virJSON does, and virsh's QMP wrapping. */
class JsonTest {
    @Test
    void onlyOneWholeValueParses() {
        assertEquals(Map.of("a", new Json.Number("1.50")), Json.parse(" {\"a\" : 1.50} "));
        assertNull(Json.parse("{\"a\":1} x"));
        assertNull(Json.parse("query-status"));
        assertNull(Json.parse("{\"a\":}"));
        assertNull(Json.parse(""));
        assertEquals("x\n\u00e9", Json.parse("\"x\\n\\u00e9\""));
    }

    @Test
    void compactKeepsOrderAndNumbersAsWritten() {
        String text = "{\"z\":1e3,\"a\":[true,false,null,-0.5,\"s\\\"\\\\\\u0001\"],\"m\":{}}";
        assertEquals(text, Json.write(Json.parse(text), false));
    }

    @Test
    void prettyAsYajlBeautifies() {
        Object v = Json.parse("{\"return\":[{\"name\":\"a\",\"v\":[]},2],\"id\":\"x\"}");
        assertEquals("""
                {
                  "return": [
                    {
                      "name": "a",
                      "v": [

                      ]
                    },
                    2
                  ],
                  "id": "x"
                }
                """, Json.write(v, true));
        assertEquals("\"s\"\n", Json.write("s", true));
    }

    @Test
    void qmpWrapping() {
        assertEquals("{\"execute\":\"query-status\"}", QemuMonitorCommandCommand.qmp(List.of("query-status")));
        assertEquals("{ \"execute\" : \"stop\" }", QemuMonitorCommandCommand.qmp(List.of("{", "\"execute\"", ":",
                "\"stop\"", "}")));
        assertEquals("{\"execute\":\"x\",\"arguments\":{\"a\":1,\"b\":\"c\"}}",
                QemuMonitorCommandCommand.qmp(List.of("x", "\"a\":1", "\"b\":\"c\"")));
        assertEquals("failed to wrap arguments 'a b' into a QMP command wrapper",
                assertThrows(CommandFailure.class, () -> QemuMonitorCommandCommand.qmp(List.of("x", "a", "b")))
                        .getMessage());
    }
}
