package io.vireo.core.store;

import io.vireo.api.ErrorCode;
import io.vireo.api.ErrorDomain;
import io.vireo.api.VirtException;

import java.util.regex.Pattern;

/** Checks object and collection names before they become file names, so no name can escape its directory. */
final class Names {
    private static final Pattern COLLECTION = Pattern.compile("[a-z]+(/[^/\\\\\\x00]+)?");

    private Names() {
    }

    static String checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255 || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0 || name.startsWith(".")) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "name '%s' cannot be stored: it must be non-empty, not start with '.', and contain no '/'",
                    name);
        }
        return name;
    }

    static String checkCollection(String collection) {
        if (collection == null || !COLLECTION.matcher(collection).matches()) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "bad definition collection '%s'",
                    collection);
        }
        int slash = collection.indexOf('/');
        if (slash >= 0) {
            checkName(collection.substring(slash + 1));
        }
        return collection;
    }
}
