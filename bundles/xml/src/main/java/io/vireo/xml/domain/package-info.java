/** The domain definition model ({@code <domain>}): mutable beans with public no-arg constructors. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.xml.domain;
