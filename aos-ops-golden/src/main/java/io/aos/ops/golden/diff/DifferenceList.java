package io.aos.ops.golden.diff;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.RandomAccess;
import java.util.function.Predicate;

/**
 * The differences of a {@link DiffResult}: those built as they were classified, and runs of consequences and
 * expected-volatile differences of {@linkplain DeferredPair deferred pairs}, known by their number and filed by rule,
 * built only when an element is first asked for (the pairs are then compared again). Until then the list keeps the
 * traces it came from. Unmodifiable and thread-safe.
 */
final class DifferenceList extends AbstractList<Difference> implements RandomAccess {

    private static final OptionalInt NONE = OptionalInt.empty();

    /** A run of entries filed as consequences of one root (or expected-volatile), built when asked for. */
    private record Later(List<RawDifference> entries, RootCause category, OptionalInt cause,
            Predicate<String> volatileKey) {

        void buildInto(List<Difference> into) {
            for (RawDifference entry : entries) {
                List<RawDifference> ds = entry.deferred() == null ? List.of(entry) : entry.deferred().differences();
                OptionalInt step = entry.position().step();
                for (RawDifference d : ds) {
                    into.add(d.key() != null && volatileKey.test(d.key())
                            ? new Difference(d.path(), d.kind(), d.expected(), d.actual(), step,
                                    RootCause.EXPECTED_VOLATILE, NONE)
                            : new Difference(d.path(), d.kind(), d.expected(), d.actual(), step, category, cause));
                }
            }
        }
    }

    private final int size;
    private final List<Difference> built;
    private final long consequences;
    /** Differences and runs of later ones, in order; null once every difference is built. */
    private List<Object> parts;
    private volatile List<Difference> all;

    private DifferenceList(List<Object> parts, List<Difference> built, int size, long consequences) {
        this.size = size;
        this.built = Collections.unmodifiableList(built);
        this.consequences = consequences;
        if (built.size() == size) {
            this.all = this.built;
        } else {
            this.parts = parts;
        }
    }

    @Override
    public Difference get(int index) {
        return all().get(index);
    }

    @Override
    public int size() {
        return size;
    }

    /** The differences built as they were classified, in order: every one that is evidence of a finding. */
    List<Difference> built() {
        return built;
    }

    /** How many differences are consequences ({@link Difference#isConsequence()}), without building any. */
    long consequences() {
        return consequences;
    }

    private List<Difference> all() {
        List<Difference> a = all;
        if (a != null) {
            return a;
        }
        synchronized (this) {
            if (all == null) {
                List<Difference> list = new ArrayList<>(size);
                for (Object part : parts) {
                    if (part instanceof Difference d) {
                        list.add(d);
                    } else {
                        ((Later) part).buildInto(list);
                    }
                }
                if (list.size() != size) {
                    throw new IllegalStateException("built " + list.size() + " differences, not " + size);
                }
                all = Collections.unmodifiableList(list);
                parts = null;
            }
            return all;
        }
    }

    /** Collects the parts in order. Not thread-safe. */
    static final class Builder {
        private final List<Object> parts = new ArrayList<>();
        private final List<Difference> built = new ArrayList<>();
        private int size;
        private long consequences;
        private int front;

        void add(Difference d) {
            parts.add(d);
            built.add(d);
            size++;
            consequences += d.isConsequence() ? 1 : 0;
        }

        /** Adds {@code filed} before everything added so far (and after what was added this way before). */
        void addFirst(List<Difference> filed) {
            parts.addAll(front, filed);
            built.addAll(front, filed);
            front += filed.size();
            size += filed.size();
            filed.forEach(d -> consequences += d.isConsequence() ? 1 : 0);
        }

        /**
         * Adds {@code count} differences of {@code entries}, to be built later: those under a volatile key as
         * expected-volatile, the {@code consequenceCount} others under {@code category} as consequences of
         * {@code cause}.
         */
        void addLater(List<RawDifference> entries, int count, int consequenceCount, RootCause category,
                OptionalInt cause, Predicate<String> volatileKey) {
            parts.add(new Later(entries, category, cause, volatileKey));
            size += count;
            consequences += consequenceCount;
        }

        DifferenceList build() {
            return new DifferenceList(parts, built, size, consequences);
        }
    }
}
