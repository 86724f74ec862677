package io.vireo.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Definitions come from anyone allowed to call define: no DTDs, no entities, bounded size and shape. */
class HardeningTest {
    private static final String MINIMAL = "<domain type='test'><name>x</name><memory>1024</memory>"
            + "<os><type>hvm</type></os></domain>";

    private static VirtException fails(String xml) {
        return assertThrows(VirtException.class, () -> VireoXml.parseDomain(xml));
    }

    @Test
    void externalEntityIsRefusedAndTheFileIsNeverRead(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version='1.0'?>\n"
                + "<!DOCTYPE domain [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<domain type='test'><name>&x;</name><memory>1024</memory><os><type>hvm</type></os></domain>";
        VirtException e = fails(xxe);
        assertEquals(ErrorCode.XML_ERROR, e.code());
        assertEquals(ErrorDomain.XML, e.domain());
        assertTrue(e.getMessage().contains("DOCTYPE is not allowed"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2 column 1"), e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET"));
    }

    @Test
    void passwdXxeIsRefused() {
        String xxe = "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<domain type='test'><name>&x;</name><memory>1024</memory><os><type>hvm</type></os></domain>";
        VirtException e = fails(xxe);
        assertEquals(ErrorCode.XML_ERROR, e.code());
        assertFalse(e.getMessage().contains("root:"));
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() {
        StringBuilder sb = new StringBuilder("<?xml version='1.0'?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                sb.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            sb.append("\">\n");
        }
        sb.append("]>\n<domain type='test'><name>&lol9;</name><memory>1</memory><os><type>hvm</type></os></domain>");
        long start = System.nanoTime();
        VirtException e = fails(sb.toString());
        assertEquals(ErrorCode.XML_ERROR, e.code());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused quickly");
    }

    @Test
    void undeclaredEntityWithoutDoctypeIsRefused() {
        VirtException e = fails("<domain type='test'><name>&x;</name></domain>");
        assertEquals(ErrorCode.XML_ERROR, e.code());
        assertTrue(e.getMessage().contains("line 1 column"), e.getMessage());
    }

    @Test
    void predefinedEntitiesAndCharacterReferencesStillWork() {
        String xml = "<domain type='test'><name>a&amp;b&#x41;</name><memory>1024</memory>"
                + "<os><type>hvm</type></os></domain>";
        assertEquals("a&bA", VireoXml.parseDomain(xml).getName());
    }

    @Test
    void documentsAboveTenMebibytesAreRefused() {
        String padding = " ".repeat(10 * 1024 * 1024);
        VirtException e = fails(MINIMAL.replace("</domain>", padding + "</domain>"));
        assertEquals(ErrorCode.XML_ERROR, e.code());
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "<a>".repeat(100) + "</a>".repeat(100);
        VirtException e = fails(MINIMAL.replace("</domain>", "<metadata>" + deep + "</metadata></domain>"));
        assertEquals(ErrorCode.XML_ERROR, e.code());
        assertTrue(e.getMessage().toLowerCase().contains("depth"), e.getMessage());
    }

    @Test
    void tooManyAttributesAreRefused() {
        StringBuilder attrs = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            attrs.append(" a").append(i).append("='x'");
        }
        VirtException e = fails(MINIMAL.replace("<name>", "<name" + attrs + ">"));
        assertEquals(ErrorCode.XML_ERROR, e.code());
        assertTrue(e.getMessage().contains("ttribute"), e.getMessage());
    }

    @Test
    void hugeAttributeValueIsRefused() {
        VirtException e = fails(MINIMAL.replace("<name>", "<name a='" + "x".repeat(100_000) + "'>"));
        assertEquals(ErrorCode.XML_ERROR, e.code());
    }

    @Test
    void syntaxErrorsReportLineAndColumn() {
        VirtException e = fails("<domain type='test'>\n<name>x</name>\n<memory>1<foo>\n</domain>");
        assertEquals(ErrorCode.XML_DETAIL, e.code());
        assertEquals(ErrorDomain.XML, e.domain());
        assertTrue(e.getMessage().startsWith("XML error: line 4 column "), e.getMessage());
        assertTrue(e.getMessage().contains("foo"), e.getMessage());
    }

    @Test
    void emptyAndNonXmlInputFail() {
        assertEquals(ErrorCode.XML_ERROR, fails("").code());
        assertEquals(ErrorCode.XML_ERROR, fails("   ").code());
        assertEquals(ErrorCode.XML_DETAIL, fails("not xml at all").code());
        assertEquals(ErrorCode.XML_DETAIL, fails("<domain type='test'>").code());
        assertEquals(ErrorCode.XML_ERROR, assertThrows(VirtException.class, () -> VireoXml.parseDomain(null)).code());
    }

    @Test
    void processingInstructionsAndCommentsAreHarmless() {
        String xml = "<?xml version='1.0' encoding='UTF-8'?>\n<!-- a comment -->\n<?pi data?>\n" + MINIMAL;
        assertEquals("x", VireoXml.parseDomain(xml).getName());
    }
}
