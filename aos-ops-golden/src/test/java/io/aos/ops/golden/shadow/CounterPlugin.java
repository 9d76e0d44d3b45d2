package io.aos.ops.golden.shadow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aos.ops.golden.shadow.spi.ShadowPlugin;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.golden.shadow.spi.WorkflowSpec;
import io.aos.ops.golden.shadow.spi.WorkflowStep;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plugged-in workflow with a real determinism bug: its {@code count_calls} skill returns how often it was called,
 * so no replay ever matches. Registered through META-INF/services for {@link WorkflowRegistry#discover()}.
 */
public final class CounterPlugin implements ShadowPlugin {

    static final String TYPE = "counter";
    private static final AtomicLong CALLS = new AtomicLong();

    @Override
    public void register(WorkflowRegistry.Builder registry) {
        registry.skill("count_calls", (input, seed) -> JsonNodeFactory.instance.objectNode()
                        .put("calls", CALLS.incrementAndGet()).put("seed", seed))
                .workflow(new WorkflowSpec(TYPE, List.of(
                        new WorkflowStep("s1", "transform_json", JsonNodeFactory.instance.objectNode().put("x", 1)),
                        new WorkflowStep("s2", "count_calls", JsonNodeFactory.instance.textNode("go")))));
    }
}
