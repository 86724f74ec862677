package io.vireo.remote.server;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Instances of DS configuration annotations for tests: a value from the map under the property name DS
 * would use (a double underscore is one underscore), else the method's default, as SCR does.
 */
final class Configs {

    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, ?> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            String key = m.getName().replace("__", "_");
            if (values.containsKey(key)) {
                return values.get(key);
            }
            if (m.getDefaultValue() != null) {
                return m.getDefaultValue();
            }
            return switch (m.getName()) {
                case "annotationType" -> type;
                case "toString" -> type.getSimpleName() + values;
                case "hashCode" -> System.identityHashCode(p);
                case "equals" -> p == args[0];
                default -> throw new IllegalStateException("no value for " + key);
            };
        });
        return type.cast(proxy);
    }
}
