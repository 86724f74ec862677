/** Vireo's core: driver registry, connections, definition store, events and autostart. Private to this bundle. */
package io.vireo.core;
