package io.aos.ops.golden.shadow.spi;

/**
 * How an AOS service plugs its own workflows and skills into the shadow runner: implement this, list the class in
 * {@code META-INF/services/io.aos.ops.golden.shadow.spi.ShadowPlugin}, and {@link WorkflowRegistry#discover()} finds
 * it. A service that builds its runner in code can instead call {@link WorkflowRegistry#builder()} directly.
 */
@FunctionalInterface
public interface ShadowPlugin {

    /** Registers this plugin's skills and workflows. */
    void register(WorkflowRegistry.Builder registry);
}
