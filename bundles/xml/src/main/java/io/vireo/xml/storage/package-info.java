/** Storage pool ({@code <pool>}) and volume ({@code <volume>}) definition models; sizes in bytes. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.xml.storage;
