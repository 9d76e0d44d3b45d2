/**
 * Configuration: every path and threshold of the suite ({@link io.aos.ops.core.config.OpsSetting}) resolved from a
 * command-line flag, else its environment variable, else its default ({@link io.aos.ops.core.config.OpsConfig}).
 * A service builds one with {@link io.aos.ops.core.config.OpsConfig#fromEnvironment()},
 * {@link io.aos.ops.core.config.OpsConfig#of(java.util.Map)} or, to keep every path below one directory,
 * {@link io.aos.ops.core.config.OpsConfig#rootedAt(java.nio.file.Path)}. Values are immutable and thread-safe.
 */
package io.aos.ops.core.config;
