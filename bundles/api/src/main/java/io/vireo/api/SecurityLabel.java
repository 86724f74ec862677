package io.vireo.api;

/** A running domain's security label; {@code enforcing} tells whether the model enforces it. */
public record SecurityLabel(String label, boolean enforcing) {
}
