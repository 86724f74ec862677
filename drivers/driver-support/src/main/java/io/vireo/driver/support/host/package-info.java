/** Facts about the Linux host that drivers of real guests share. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.driver.support.host;
