package io.vireo.driver.test;

import io.vireo.api.ErrorCode;
import io.vireo.api.NodeInfo;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A test hypervisor described by a libvirt-style node file: {@code <node>} with the host's {@code <cpu>}
 * and {@code <memory>}, then {@code <domain>}, {@code <network>} and {@code <pool>} elements (volumes as
 * {@code <volume>} children of their pool). Each object is handed on as its own XML document.
 */
record NodeFixture(NodeInfo node, List<String> domains, List<String> networks, List<Pool> pools) {

    /** A pool's XML and the XML of the volumes inside it. */
    record Pool(String xml, List<String> volumes) {
    }

    static NodeFixture parse(byte[] content, String source) {
        Document doc = parseSecurely(content, source);
        Element root = doc.getDocumentElement();
        if (!"node".equals(root.getNodeName())) {
            throw Errors.of(ErrorCode.XML_ERROR, "%s: root element must be <node>, not <%s>", source, root.getNodeName());
        }
        NodeInfo info = new NodeInfo("i686", 3145728, 16, 1400, 2, 2, 2, 2);
        List<String> domains = new ArrayList<>();
        List<String> networks = new ArrayList<>();
        List<Pool> pools = new ArrayList<>();
        for (Element child : children(root)) {
            switch (child.getNodeName()) {
                case "cpu" -> info = cpu(child, info);
                case "memory" -> info = new NodeInfo(info.model(), number(child, source), info.cpus(), info.mhz(),
                        info.nodes(), info.sockets(), info.cores(), info.threads());
                case "domain" -> domains.add(serialize(child));
                case "network" -> networks.add(serialize(child));
                case "pool" -> {
                    List<String> volumes = new ArrayList<>();
                    for (Element v : children(child)) {
                        if ("volume".equals(v.getNodeName())) {
                            volumes.add(serialize(v));
                            child.removeChild(v);
                        }
                    }
                    pools.add(new Pool(serialize(child), volumes));
                }
                default -> {
                    // Other libvirt node elements (interfaces, devices) are not served by this driver.
                }
            }
        }
        return new NodeFixture(info, domains, networks, pools);
    }

    private static NodeInfo cpu(Element cpu, NodeInfo d) {
        String model = d.model();
        int mhz = d.mhz();
        int nodes = d.nodes();
        int sockets = d.sockets();
        int cores = d.cores();
        int threads = d.threads();
        int active = d.cpus();
        for (Element e : children(cpu)) {
            String text = e.getTextContent().trim();
            switch (e.getNodeName()) {
                case "model" -> model = text;
                case "mhz" -> mhz = (int) number(e, "cpu");
                case "nodes" -> nodes = (int) number(e, "cpu");
                case "sockets" -> sockets = (int) number(e, "cpu");
                case "cores" -> cores = (int) number(e, "cpu");
                case "threads" -> threads = (int) number(e, "cpu");
                case "active" -> active = (int) number(e, "cpu");
                default -> {
                }
            }
        }
        return new NodeInfo(model, d.memoryKiB(), active, mhz, nodes, sockets, cores, threads);
    }

    private static long number(Element e, String source) {
        try {
            return Long.parseLong(e.getTextContent().trim());
        } catch (NumberFormatException ex) {
            throw Errors.of(ErrorCode.XML_ERROR, "%s: <%s> must be a number, not '%s'", source, e.getNodeName(),
                    e.getTextContent().trim());
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }

    /** A DOM parser that refuses DTDs and external entities: node files are as untrusted as any XML. */
    private static Document parseSecurely(byte[] content, String source) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(content));
        } catch (SAXParseException e) {
            throw Errors.of(ErrorCode.XML_ERROR, "%s: line %d column %d: %s", source, e.getLineNumber(),
                    e.getColumnNumber(), e.getMessage());
        } catch (Exception e) {
            throw Errors.of(ErrorCode.XML_ERROR, "%s: %s", source, e.getMessage());
        }
    }

    private static String serialize(Element e) {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(e), new StreamResult(out));
            return out.toString();
        } catch (Exception ex) {
            throw Errors.of(ErrorCode.INTERNAL_ERROR, "cannot serialize <%s>: %s", e.getNodeName(), ex.getMessage());
        }
    }
}
