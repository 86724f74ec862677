package io.vireo.shell.snapshot;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What snapshot-list shows of a snapshot, read from its XML as virsh reads it. */
record SnapshotSummary(String creationTime, String state, String parent) {
    /** virsh's strftime format {@code %Y-%m-%d %H:%M:%S %z}. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx", Locale.ROOT);

    /** Reads a {@code <domainsnapshot>} document; IllegalArgumentException when it cannot be read. */
    static SnapshotSummary of(String xml) {
        Element root = parse(xml).getDocumentElement();
        String creation = child(root, "creationTime");
        if (creation == null) {
            throw new IllegalArgumentException("snapshot without creationTime");
        }
        long seconds;
        try {
            seconds = Long.parseLong(creation.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad creationTime " + creation, e);
        }
        String state = child(root, "state");
        String parent = null;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("parent")) {
                parent = child(e, "name");
            }
        }
        return new SnapshotSummary(format(seconds), state == null ? "" : state, parent == null ? "" : parent);
    }

    /** Epoch seconds in the local time zone, as virsh shows a creation time. */
    static String format(long epochSeconds) {
        return TIME.format(Instant.ofEpochSecond(epochSeconds).atZone(ZoneId.systemDefault()));
    }

    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent();
            }
        }
        return null;
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // fail quietly: no "[Fatal Error]" on stderr
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable snapshot XML", e);
        }
    }
}
