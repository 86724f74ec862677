/** The domain snapshot model ({@code <domainsnapshot>}). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.xml.snapshot;
