/** libvirt-compatible XML: parse, default, validate and format with {@link io.vireo.xml.VireoXml}; scaled sizes with {@link io.vireo.xml.Units}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.xml;
