package io.vireo.core.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Plug-in services of one kind keyed by a service property (a URI scheme, a forward mode, a pool type).
 * When two services claim one key, the one with the higher service ranking, then the lower service id,
 * serves it, as OSGi orders services.
 */
public final class PluginRegistry<T> {

    /** A registered service with the properties it was registered with. */
    public record Entry<T>(String key, T service, Map<String, Object> properties) {
        int ranking() {
            Object r = properties.get("service.ranking");
            return r instanceof Integer i ? i : 0;
        }

        long serviceId() {
            Object id = properties.get("service.id");
            return id instanceof Long l ? l : Long.MAX_VALUE;
        }
    }

    private static final Comparator<Entry<?>> ORDER =
            Comparator.<Entry<?>>comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::serviceId);

    private final String keyProperty;
    private final Map<String, List<Entry<T>>> entries = new ConcurrentHashMap<>();
    private final List<BiConsumer<Entry<T>, Boolean>> listeners = new CopyOnWriteArrayList<>();

    public PluginRegistry(String keyProperty) {
        this.keyProperty = keyProperty;
    }

    public String keyProperty() {
        return keyProperty;
    }

    /** Adds a service; one without the key property is ignored (and logged by the caller). */
    public Optional<Entry<T>> add(T service, Map<String, Object> properties) {
        Object key = properties.get(keyProperty);
        if (!(key instanceof String k) || k.isBlank()) {
            return Optional.empty();
        }
        Entry<T> entry = new Entry<>(k, service, Map.copyOf(properties));
        entries.compute(k, (kk, list) -> {
            List<Entry<T>> l = list == null ? new ArrayList<>() : new ArrayList<>(list);
            l.add(entry);
            l.sort(ORDER);
            return l;
        });
        listeners.forEach(l -> l.accept(entry, true));
        return Optional.of(entry);
    }

    public void remove(T service) {
        List<Entry<T>> removed = new ArrayList<>();
        entries.replaceAll((k, list) -> {
            List<Entry<T>> l = new ArrayList<>(list);
            l.removeIf(e -> {
                boolean match = e.service() == service;
                if (match) {
                    removed.add(e);
                }
                return match;
            });
            return l;
        });
        entries.values().removeIf(List::isEmpty);
        removed.forEach(e -> listeners.forEach(l -> l.accept(e, false)));
    }

    /** The service that serves {@code key} now. */
    public Optional<Entry<T>> get(String key) {
        List<Entry<T>> list = entries.get(key);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** Whether {@code service} is registered now, whether or not it serves its key. */
    public boolean contains(T service) {
        return entries.values().stream().flatMap(List::stream).anyMatch(e -> e.service() == service);
    }

    public Set<String> keys() {
        return new TreeSet<>(entries.keySet());
    }

    /** Called with (entry, true) when a service arrives and (entry, false) when it leaves. */
    public void addListener(BiConsumer<Entry<T>, Boolean> listener) {
        listeners.add(listener);
    }

    public void removeListener(BiConsumer<Entry<T>, Boolean> listener) {
        listeners.remove(listener);
    }
}
