package io.aos.ops.golden.shadow.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.golden.shadow.builtin.BuiltinWorkflows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The workflows a shadow run chooses from and the skills their steps call. Immutable once built. The built-in
 * {@code compute}, {@code io} and {@code llm} workflows (upstream's, with identical hashes) are the default
 * registration; a service adds its own through a {@link ShadowPlugin} or the {@link Builder}.
 *
 * <p>Workflow types keep their registration order: with {@code --seed} the run's random choice of type is
 * reproducible only if the order is.
 */
public final class WorkflowRegistry {

    private final Map<String, Skill> skills;
    private final Map<String, WorkflowSpec> workflows;

    private WorkflowRegistry(Builder b) {
        this.skills = Map.copyOf(b.skills);
        this.workflows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.workflows));
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The built-in workflows and skills only. */
    public static WorkflowRegistry builtins() {
        Builder b = builder();
        BuiltinWorkflows.register(b);
        return b.build();
    }

    /** The built-ins plus every {@link ShadowPlugin} on the class path. */
    public static WorkflowRegistry discover() {
        Builder b = builder();
        BuiltinWorkflows.register(b);
        for (ShadowPlugin plugin : ServiceLoader.load(ShadowPlugin.class)) {
            plugin.register(b);
        }
        return b.build();
    }

    /** Workflow types in registration order. */
    public List<String> types() {
        return List.copyOf(workflows.keySet());
    }

    public Optional<WorkflowSpec> workflow(String type) {
        return Optional.ofNullable(workflows.get(type));
    }

    public Optional<Skill> skill(String skillId) {
        return Optional.ofNullable(skills.get(skillId));
    }

    /** Builds a registry; later registrations of the same name replace earlier ones (a plugin may override). */
    public static final class Builder {
        private final Map<String, Skill> skills = new LinkedHashMap<>();
        private final Map<String, WorkflowSpec> workflows = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder skill(String skillId, Skill skill) {
            checkArgument(skillId != null && !skillId.isBlank(), "a skill needs an id, got '%s'", skillId);
            skills.put(skillId, checkNotNull(skill, "skill"));
            return this;
        }

        public Builder workflow(WorkflowSpec workflow) {
            checkNotNull(workflow, "workflow");
            workflows.put(workflow.type(), workflow);
            return this;
        }

        public WorkflowRegistry build() {
            checkArgument(!workflows.isEmpty(), "a shadow run needs at least one workflow");
            return new WorkflowRegistry(this);
        }
    }
}
