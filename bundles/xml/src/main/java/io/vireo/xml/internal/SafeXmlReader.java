package io.vireo.xml.internal;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;
import java.io.StringReader;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.LocationInfo;
import org.codehaus.stax2.XMLStreamReader2;

/**
 * Reads a document into an {@link XmlNode} tree with Woodstox, hardened for input that comes from
 * anyone who may call define: no DTD (a DOCTYPE is refused before anything in it is looked at), no
 * external or custom entities, and Woodstox's limits on size, depth, attributes and children. The
 * factory is created directly rather than through the StAX service lookup, which does not see
 * bundle-private providers in OSGi.
 */
public final class SafeXmlReader {
    /** libvirt refuses XML files above 10 MiB (virsh's VSH_MAX_XML_FILE); so do we. */
    public static final int MAX_DOCUMENT_CHARS = 10 * 1024 * 1024;
    public static final int MAX_DEPTH = 64;
    public static final int MAX_ATTRIBUTES = 128;
    public static final int MAX_ATTRIBUTE_CHARS = 64 * 1024;
    public static final int MAX_CHILDREN = 20_000;
    public static final int MAX_ELEMENTS = 200_000;

    private static final WstxInputFactory FACTORY = createFactory();

    private SafeXmlReader() {
    }

    private static WstxInputFactory createFactory() {
        WstxInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external entity '" + systemId + "' refused");
        });
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH);
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, MAX_ATTRIBUTES);
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, MAX_ATTRIBUTE_CHARS);
        f.setProperty(WstxInputProperties.P_MAX_CHILDREN_PER_ELEMENT, MAX_CHILDREN);
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, (long) MAX_ELEMENTS);
        f.setProperty(WstxInputProperties.P_MAX_CHARACTERS, (long) MAX_DOCUMENT_CHARS);
        f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, MAX_DOCUMENT_CHARS);
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1000L); // no custom entity can exist without a DTD; a backstop only
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        return f;
    }

    /** Parses {@code xml}; every failure is a {@link VirtException} in the XML error domain. */
    public static XmlNode parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw VirtException.of(ErrorCode.XML_ERROR, ErrorDomain.XML, "empty document");
        }
        if (xml.length() > MAX_DOCUMENT_CHARS) {
            throw VirtException.of(ErrorCode.XML_ERROR, ErrorDomain.XML,
                    "document of %d characters exceeds the limit of %d", xml.length(), MAX_DOCUMENT_CHARS);
        }
        XMLStreamReader2 r = null;
        try {
            r = (XMLStreamReader2) FACTORY.createXMLStreamReader(new StringReader(xml));
            return read(xml, r);
        } catch (XMLStreamException e) {
            throw translate(e, r == null ? null : r.getLocation());
        } finally {
            if (r != null) {
                try {
                    r.closeCompletely();
                } catch (XMLStreamException ignored) {
                    // nothing was opened but the string reader
                }
            }
        }
    }

    private static XmlNode read(String xml, XMLStreamReader2 r) throws XMLStreamException {
        XmlNode root = null;
        XmlNode current = null;
        while (r.hasNext()) {
            int event = r.next();
            LocationInfo loc = r.getLocationInfo();
            switch (event) {
                case XMLStreamConstants.DTD -> {
                    Location l = loc.getStartLocation();
                    throw VirtException.of(ErrorCode.XML_ERROR, ErrorDomain.XML,
                            "line %d column %d: DOCTYPE is not allowed (DTDs and entities are refused)",
                            l.getLineNumber(), l.getColumnNumber());
                }
                case XMLStreamConstants.ENTITY_REFERENCE -> {
                    Location l = loc.getStartLocation();
                    throw VirtException.of(ErrorCode.XML_ERROR, ErrorDomain.XML,
                            "line %d column %d: entity reference '&%s;' is not allowed",
                            l.getLineNumber(), l.getColumnNumber(), r.getLocalName());
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    Location l = loc.getStartLocation();
                    XmlNode node = new XmlNode(xml, qualifiedName(r.getPrefix(), r.getLocalName()), current,
                            l.getLineNumber(), l.getColumnNumber());
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        node.addAttribute(qualifiedName(r.getAttributePrefix(i), r.getAttributeLocalName(i)),
                                r.getAttributeValue(i));
                    }
                    node.setOffsets((int) loc.getStartingCharOffset(), (int) loc.getEndingCharOffset());
                    if (current == null) {
                        root = node;
                    } else {
                        current.addChild(node);
                    }
                    current = node;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    int contentEnd = (int) loc.getStartingCharOffset();
                    int end = (int) loc.getEndingCharOffset();
                    current.setEndOffsets(contentEnd, end);
                    current = current.parent();
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (current != null) {
                        current.appendText(r.getText());
                    }
                }
                default -> {
                    // comments, processing instructions and the XML declaration carry no definition
                }
            }
        }
        return root;
    }

    private static String qualifiedName(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private static VirtException translate(XMLStreamException e, Location readerAt) {
        String msg = e.getMessage();
        if (msg == null) {
            msg = "malformed document";
        }
        int at = msg.indexOf("\n at [");
        if (at >= 0) {
            msg = msg.substring(0, at); // Woodstox appends the location; we report it our way
        }
        msg = msg.replace('\n', ' ').trim();
        // limit violations carry no location of their own; the reader's position is where it tripped
        Location l = e.getLocation() != null ? e.getLocation() : readerAt;
        String where = l == null ? "" : String.format("line %d column %d: ", l.getLineNumber(), l.getColumnNumber());
        // Limits and refused entities are policy, not syntax: report them as invalid documents.
        boolean policy = msg.contains("limit") || msg.contains("Maximum") || msg.contains("entity");
        ErrorCode code = policy ? ErrorCode.XML_ERROR : ErrorCode.XML_DETAIL;
        return new VirtException(code, ErrorDomain.XML, "XML error: " + where + msg, e);
    }
}
