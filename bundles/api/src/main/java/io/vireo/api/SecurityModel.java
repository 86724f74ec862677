package io.vireo.api;

/** The host's security model and domain of interpretation; an empty model means none is active. */
public record SecurityModel(String model, String doi) {
    public static final SecurityModel NONE = new SecurityModel("", "");
}
