package io.aos.ops.golden.diff;

import io.aos.ops.core.BadInputException;
import io.aos.ops.core.UnreadableFileException;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.google.common.collect.ImmutableMap;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.io.RegularFile;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.json.TextPosition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The skills an embedding service declares: which are external calls, which draw random numbers, which are pure
 * ({@link SkillKind}). The root-cause classifier asks it first; only a skill it does not name is judged by its name:
 * a skill whose name has a whole token such as {@code http}, {@code api} or {@code llm}
 * ({@link DiffOptions#externalSkillTokens()}) is an external call, unless the name also has a token {@code stub},
 * {@code stubs}, {@code mock}, {@code mocks}, {@code mocked}, {@code fake} or {@code fakes}: a stand-in runs in the
 * process and is never an external call. A name says nothing about random draws or purity.
 *
 * <p>Names are matched exactly as the trace spells them ({@code data.skill_id}, {@code skill}, or the part of a
 * simulation step hash before its last colon). Immutable and thread-safe; build one with {@link #empty()} and
 * {@link #with}, from a map with {@link #of}, or from a file with {@link #read}.
 *
 * <pre>{@code
 * DiffOptions options = DiffOptions.defaults().withSkillRegistry(SkillRegistry.empty()
 *         .with("fetch_prices", SkillKind.EXTERNAL_CALL)
 *         .with("shuffle_batch", SkillKind.RANDOM)
 *         .with("http_header_parser", SkillKind.PURE));
 * }</pre>
 */
public final class SkillRegistry {

    /** The largest registry file {@link #read} reads: a registry names skills, it is kilobytes. */
    public static final long MAX_FILE_BYTES = 16L << 20;

    private static final SkillRegistry EMPTY = new SkillRegistry(ImmutableMap.of());

    private final ImmutableMap<String, SkillKind> kinds;

    private SkillRegistry(Map<String, SkillKind> kinds) {
        this.kinds = ImmutableMap.copyOf(kinds);
    }

    /** @return the registry that declares nothing: every skill is judged by its name */
    public static SkillRegistry empty() {
        return EMPTY;
    }

    /**
     * A registry declaring the skills of {@code kinds}.
     *
     * @param kinds skill name to kind
     * @return the registry
     * @throws NullPointerException if {@code kinds}, a name or a kind is null
     * @throws IllegalArgumentException if a name is blank
     */
    public static SkillRegistry of(Map<String, SkillKind> kinds) {
        checkNotNull(kinds, "kinds");
        kinds.forEach((name, kind) -> {
            checkNotNull(name, "a skill name is null in %s", kinds);
            checkArgument(!name.isBlank(), "a skill name must not be blank: %s", kinds);
            checkNotNull(kind, "skill %s has no kind", name);
        });
        return new SkillRegistry(kinds);
    }

    /**
     * A copy that also declares {@code skill} (replacing an earlier declaration of it).
     *
     * @param skill the skill's name as the trace spells it
     * @param kind what it does
     * @return the new registry; this one is unchanged
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if {@code skill} is blank
     */
    public SkillRegistry with(String skill, SkillKind kind) {
        checkNotNull(skill, "skill");
        checkArgument(!skill.isBlank(), "a skill name must not be blank");
        checkNotNull(kind, "kind");
        Map<String, SkillKind> copy = new LinkedHashMap<>(kinds);
        copy.put(skill, kind);
        return new SkillRegistry(copy);
    }

    /**
     * The declared kind of a skill.
     *
     * @param skill the skill's name; null is allowed and declared nowhere
     * @return its kind, or empty when it is not declared
     */
    public Optional<SkillKind> declared(String skill) {
        return skill == null ? Optional.empty() : Optional.ofNullable(kinds.get(skill));
    }

    /** @return every declared skill and its kind, in declaration order */
    public Map<String, SkillKind> asMap() {
        return kinds;
    }

    /**
     * Reads a registry file: one JSON object whose keys are skill names and whose values are {@code "external"},
     * {@code "random"} or {@code "pure"}, e.g. {@code {"fetch_prices": "external", "shuffle_batch": "random"}}.
     * A name given twice is an error, not a silent override.
     *
     * @param file the registry file, a regular file of at most {@link #MAX_FILE_BYTES}
     * @return the registry it declares
     * @throws BadInputException naming the file, and the line and column for anything wrong in its content
     */
    public static SkillRegistry read(Path file) {
        checkNotNull(file, "file");
        try (InputStream in = RegularFile.newInputStream(file, MAX_FILE_BYTES);
                JsonParser p = OpsJson.mapper().getFactory().createParser(in)) {
            p.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw at(file, p.currentTokenLocation(), "a skill registry is one JSON object "
                        + "{\"skill name\": \"external\" | \"random\" | \"pure\", ...}");
            }
            Map<String, SkillKind> kinds = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonLocation nameAt = p.currentTokenLocation();
                if (name.isBlank()) {
                    throw at(file, nameAt, "a skill name must not be blank");
                }
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    throw at(file, p.currentTokenLocation(), "the kind of skill '" + name
                            + "' must be a string: \"external\", \"random\" or \"pure\"");
                }
                String label = p.getText();
                Optional<SkillKind> kind = SkillKind.fromLabel(label);
                if (kind.isEmpty()) {
                    throw at(file, p.currentTokenLocation(), "unknown skill kind '" + label + "' for skill '" + name
                            + "' (known: external, random, pure)");
                }
                kinds.put(name, kind.get());
            }
            if (p.nextToken() != null) {
                throw at(file, p.currentTokenLocation(), "unexpected content after the registry object");
            }
            return new SkillRegistry(kinds);
        } catch (JsonProcessingException e) {
            throw OpsJson.describe(file, e);
        } catch (IOException e) {
            throw UnreadableFileException.of(file, e);
        }
    }

    /** Well-formed JSON that is not a registry, named at the line and character column of the value. */
    private static AosOpsException at(Path file, JsonLocation at, String problem) {
        TextPosition position = TextPosition.inFile(file, at.getLineNr(), at.getColumnNr(), null);
        return BadInputException.content(file, position.line(), position.column(), problem);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SkillRegistry r && r.kinds.equals(kinds);
    }

    @Override
    public int hashCode() {
        return kinds.hashCode();
    }

    @Override
    public String toString() {
        return "SkillRegistry" + kinds;
    }
}
