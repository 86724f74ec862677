/** The virtual network definition model ({@code <network>}). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.vireo.xml.network;
