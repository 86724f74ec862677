package io.vireo.driver.kvm;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;

/**
 * The kvm driver's settings in a definition's {@code <metadata>}, in Vireo's own XML namespace, which the XML
 * layer keeps verbatim as libvirt keeps foreign metadata:
 * <pre>
 *   &lt;metadata&gt;
 *     &lt;vireo:kvm xmlns:vireo='http://vireo.io/xmlns/kvm/1.0'&gt;
 *       &lt;vireo:netns name='guests'/&gt;
 *     &lt;/vireo:kvm&gt;
 *   &lt;/metadata&gt;
 * </pre>
 * One element per namespace, as virDomainSetMetadata handles it (the prefix is the author's choice).
 */
final class KvmMetadata {
    static final String NAMESPACE = "http://vireo.io/xmlns/kvm/1.0";

    private KvmMetadata() {
    }

    /** The {@code name} of {@code <netns>} in the kvm element of {@code metadataXml}; null when there is none. */
    static String netns(String metadataXml) {
        Element kvm = kvmElement(metadataXml);
        if (kvm == null) {
            return null;
        }
        for (Node n = kvm.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NAMESPACE.equals(e.getNamespaceURI()) && "netns".equals(e.getLocalName())) {
                return e.getAttribute("name");
            }
        }
        return null;
    }

    private static Element kvmElement(String metadataXml) {
        if (metadataXml == null || !metadataXml.contains(NAMESPACE)) {
            return null;
        }
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            root = f.newDocumentBuilder()
                    .parse(new InputSource(new StringReader("<metadata>" + metadataXml + "</metadata>")))
                    .getDocumentElement();
        } catch (Exception e) {
            throw VirtException.of(ErrorCode.XML_ERROR, ErrorDomain.QEMU, "cannot read <metadata>: %s",
                    e.getMessage());
        }
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NAMESPACE.equals(e.getNamespaceURI()) && "kvm".equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
