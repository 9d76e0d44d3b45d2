package io.aos.ops.core.config;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.BadConfigurationException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolved configuration: each {@link OpsSetting} from a flag, else its environment variable, else its default.
 *
 * <p>Immutable and thread-safe; {@link #with} returns a copy with a flag value applied. Services build one with
 * {@link #of} or {@link #rootedAt}; the CLI builds one from the process environment and applies its flags.
 */
public final class OpsConfig {

    /** Where a resolved value came from. */
    public enum Source {
        /** Set by a command-line flag ({@link #with}). */
        FLAG,
        /** Set by the setting's environment variable. */
        ENVIRONMENT,
        /** Neither: the setting's default. */
        DEFAULT
    }

    private final Map<String, String> env;
    private final Map<OpsSetting, String> flags;

    private OpsConfig(Map<String, String> env, Map<OpsSetting, String> flags) {
        this.env = Map.copyOf(env);
        this.flags = flags.isEmpty() ? new EnumMap<>(OpsSetting.class) : new EnumMap<>(flags);
    }

    /**
     * Configuration from this process's environment ({@link System#getenv()}).
     *
     * @return the configuration; never null
     */
    public static OpsConfig fromEnvironment() {
        return of(System.getenv());
    }

    /**
     * Configuration from the given environment instead of the process's, e.g. for a service with its own settings.
     *
     * @param environment variable name to value; copied
     * @return the configuration
     * @throws NullPointerException if {@code environment} is null
     */
    public static OpsConfig of(Map<String, String> environment) {
        checkNotNull(environment, "environment");
        return new OpsConfig(environment, Map.of());
    }

    /**
     * Configuration with every path below {@code root}: state in {@code root/state}, archives in
     * {@code root/archive/golden}, shadow runs matching {@code root/tmp/shadow_simulation_*}, reports in
     * {@code root/reports}, the cron.d directory {@code root/etc/cron.d}. Meant for tests and for services that keep
     * their own tree; nothing of the process's environment is read.
     *
     * @param root     the directory everything lives below; need not exist yet
     * @param extraEnv further environment entries (e.g. {@code GOLDEN_SECRET}); an entry here wins over the paths above
     * @return the configuration
     * @throws NullPointerException if an argument is null
     */
    public static OpsConfig rootedAt(Path root, Map<String, String> extraEnv) {
        checkNotNull(root, "root");
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putIfAbsent(OpsSetting.STATE_DIR.envVar(), root.resolve("state").toString());
        env.putIfAbsent(OpsSetting.ARCHIVE_DIR.envVar(), root.resolve("archive/golden").toString());
        env.putIfAbsent(OpsSetting.SHADOW_RUN_GLOB.envVar(), root.resolve("tmp/shadow_simulation_*").toString());
        env.putIfAbsent(OpsSetting.REPORTS_DIR.envVar(), root.resolve("reports").toString());
        env.putIfAbsent(OpsSetting.CRON_DIR.envVar(), root.resolve("etc/cron.d").toString());
        return new OpsConfig(env, Map.of());
    }

    /**
     * {@link #rootedAt(Path, Map)} with no extra environment.
     *
     * @param root the directory everything lives below
     * @return the configuration
     */
    public static OpsConfig rootedAt(Path root) {
        return rootedAt(root, Map.of());
    }

    /**
     * A copy with {@code setting} set as if by a command-line flag, which wins over environment and default.
     *
     * @param setting the setting
     * @param value   its value; null or empty leaves the setting as it was
     * @return the copy (or this configuration, when nothing changes)
     */
    public OpsConfig with(OpsSetting setting, String value) {
        checkNotNull(setting, "setting");
        if (value == null || value.isEmpty()) {
            return this;
        }
        Map<OpsSetting, String> copy = new EnumMap<>(OpsSetting.class);
        copy.putAll(flags);
        copy.put(setting, value);
        return new OpsConfig(env, copy);
    }

    /**
     * A copy with {@code setting} set to a path as if by a command-line flag.
     *
     * @param setting the setting
     * @param value   its value; null leaves the setting as it was
     * @return the copy (or this configuration, when nothing changes)
     */
    public OpsConfig with(OpsSetting setting, Path value) {
        return with(setting, value == null ? null : value.toString());
    }

    /**
     * The resolved value: flag, else environment variable (when not empty), else default.
     *
     * @param setting the setting
     * @return its value; never null
     */
    public String get(OpsSetting setting) {
        String flag = flags.get(setting);
        if (flag != null) {
            return flag;
        }
        String fromEnv = env.get(setting.envVar());
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        return setting.defaultValue(this);
    }

    /**
     * The resolved value as a path.
     *
     * @param setting the setting
     * @return its value as a path
     * @throws java.nio.file.InvalidPathException if the value is not a path
     */
    public Path path(OpsSetting setting) {
        return OpsSetting.pathOf(get(setting));
    }

    /**
     * The resolved value as an integer.
     *
     * @param setting the setting
     * @return its value
     * @throws BadConfigurationException if the value is not a whole number; the message names where it came from
     */
    public int intValue(OpsSetting setting) {
        String value = get(setting);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadConfigurationException(describe(setting) + " must be a whole number, not '" + value + "'");
        }
    }

    /**
     * Where the resolved value of {@code setting} comes from.
     *
     * @param setting the setting
     * @return flag, environment or default
     */
    public Source sourceOf(OpsSetting setting) {
        if (flags.containsKey(setting)) {
            return Source.FLAG;
        }
        String fromEnv = env.get(setting.envVar());
        return fromEnv != null && !fromEnv.isEmpty() ? Source.ENVIRONMENT : Source.DEFAULT;
    }

    /**
     * A raw environment variable that is not a path setting (e.g. {@code GOLDEN_SECRET}, {@code NO_COLOR}).
     *
     * @param name the variable's name
     * @return its value, empty when unset
     */
    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name));
    }

    /**
     * The environment this configuration was built from, for passing to child processes.
     *
     * @return an immutable map
     */
    public Map<String, String> environment() {
        return env;
    }

    private String describe(OpsSetting setting) {
        return switch (sourceOf(setting)) {
            case FLAG -> "the flag for " + setting.name().toLowerCase().replace('_', '-');
            case ENVIRONMENT -> setting.envVar();
            case DEFAULT -> "the default of " + setting.envVar();
        };
    }
}
