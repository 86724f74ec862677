package io.vireo.core.audit;

import io.vireo.api.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuditRecordTest {
    @Test
    void plainWordsStayBareOthersAreQuotedAndEscaped() {
        assertEquals("vm1", AuditRecord.quoted("vm1"));
        assertEquals("test:///default", AuditRecord.quoted("test:///default"));
        assertEquals("\"\"", AuditRecord.quoted(""));
        assertEquals("\"two words\"", AuditRecord.quoted("two words"));
        assertEquals("\"a=b\"", AuditRecord.quoted("a=b"));
        assertEquals("\"say \\\"hi\\\" \\\\ bye\"", AuditRecord.quoted("say \"hi\" \\ bye"));
        assertEquals("\"line\\nbreak\\tand\\u0001\"", AuditRecord.quoted("line\nbreak\tand\u0001"));
    }

    @Test
    void oneLineEvenForHostileNames() {
        AuditRecord r = AuditRecord.failed("karaf", "virDomainDefineXML", "test:///default",
                AuditTarget.of("domain", "evil\nresult=ok", UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f")),
                ErrorCode.DOM_EXIST, "this domain exists already");
        assertEquals("user=karaf api=virDomainDefineXML uri=test:///default domain=\"evil\\nresult=ok\""
                + " uuid=6695eb01-f6a4-8304-79aa-97f2502e193f result=error code=DOM_EXIST(28)"
                + " message=\"this domain exists already\"", r.line());
    }
}
