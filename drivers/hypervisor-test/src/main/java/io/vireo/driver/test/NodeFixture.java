package io.vireo.driver.test;

import io.vireo.api.ErrorCode;
import io.vireo.api.NodeInfo;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test hypervisor described by a libvirt-style node file: {@code <node>} with the host's {@code <cpu>}
 * and {@code <memory>}, then {@code <domain>}, {@code <network>} and {@code <pool>} elements (volumes as
 * {@code <volume>} children of their pool). Each object is copied out as its own XML document, event by
 * event, so attribute order and text stay as written.
 */
record NodeFixture(NodeInfo node, List<String> domains, List<String> networks, List<Pool> pools) {

    /** A pool's XML and the XML of the volumes inside it. */
    record Pool(String xml, List<String> volumes) {
    }

    static NodeFixture parse(byte[] content, String source) {
        try {
            return read(reader(content), source);
        } catch (XMLStreamException e) {
            throw Errors.of(ErrorCode.XML_ERROR, "%s: line %d column %d: %s", source,
                    e.getLocation() == null ? 0 : e.getLocation().getLineNumber(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNumber(), e.getMessage());
        }
    }

    /** A StAX reader that refuses DTDs and external entities: node files are as untrusted as any XML. */
    private static XMLStreamReader reader(byte[] content) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return f.createXMLStreamReader(new ByteArrayInputStream(content));
    }

    private static NodeFixture read(XMLStreamReader r, String source) throws XMLStreamException {
        r.nextTag();
        if (!"node".equals(r.getLocalName())) {
            throw Errors.of(ErrorCode.XML_ERROR, "%s: root element must be <node>, not <%s>", source, r.getLocalName());
        }
        Map<String, Long> facts = new HashMap<>();
        String model = "i686";
        List<String> domains = new ArrayList<>();
        List<String> networks = new ArrayList<>();
        List<Pool> pools = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "cpu" -> {
                    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        String name = r.getLocalName();
                        String text = r.getElementText().trim();
                        if (name.equals("model")) {
                            model = text;
                        } else {
                            facts.put(name, number(name, text, source));
                        }
                    }
                }
                case "memory" -> facts.put("memory", number("memory", r.getElementText().trim(), source));
                case "domain" -> domains.add(copy(r, null));
                case "network" -> networks.add(copy(r, null));
                case "pool" -> {
                    List<String> volumes = new ArrayList<>();
                    pools.add(new Pool(copy(r, volumes), volumes));
                }
                default -> copy(r, null); // other node elements (interfaces, devices) are not served here
            }
        }
        NodeInfo info = new NodeInfo(model, facts.getOrDefault("memory", 3145728L),
                facts.getOrDefault("active", 16L).intValue(), facts.getOrDefault("mhz", 1400L).intValue(),
                facts.getOrDefault("nodes", 2L).intValue(), facts.getOrDefault("sockets", 2L).intValue(),
                facts.getOrDefault("cores", 2L).intValue(), facts.getOrDefault("threads", 2L).intValue());
        return new NodeFixture(info, domains, networks, pools);
    }

    private static long number(String element, String text, String source) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException ex) {
            throw Errors.of(ErrorCode.XML_ERROR, "%s: <%s> must be a number, not '%s'", source, element, text);
        }
    }

    /**
     * Copies the element the reader is on, with everything inside it, into a document of its own. When
     * {@code volumes} is given, {@code <volume>} children are copied into it instead of into the element.
     */
    private static String copy(XMLStreamReader r, List<String> volumes) throws XMLStreamException {
        StringWriter out = new StringWriter();
        XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        int depth = 0;
        do {
            switch (r.getEventType()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (volumes != null && depth == 1 && "volume".equals(r.getLocalName())) {
                        volumes.add(copy(r, null));
                        r.next();
                        continue;
                    }
                    depth++;
                    w.writeStartElement(r.getPrefix() == null ? "" : r.getPrefix(), r.getLocalName(),
                            r.getNamespaceURI() == null ? "" : r.getNamespaceURI());
                    for (int i = 0; i < r.getNamespaceCount(); i++) {
                        w.writeNamespace(r.getNamespacePrefix(i), r.getNamespaceURI(i));
                    }
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        String prefix = r.getAttributePrefix(i);
                        if (prefix == null || prefix.isEmpty()) {
                            w.writeAttribute(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        } else {
                            w.writeAttribute(prefix, r.getAttributeNamespace(i), r.getAttributeLocalName(i),
                                    r.getAttributeValue(i));
                        }
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    w.writeEndElement();
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> w.writeCharacters(r.getText());
                case XMLStreamConstants.CDATA -> w.writeCData(r.getText());
                default -> {
                    // comments and processing instructions are dropped
                }
            }
            if (depth > 0) {
                r.next();
            }
        } while (depth > 0);
        w.flush();
        return out.toString();
    }
}
