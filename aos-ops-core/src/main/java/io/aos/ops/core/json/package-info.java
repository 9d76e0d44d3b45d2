/**
 * The suite's one Jackson configuration ({@link io.aos.ops.core.json.OpsJson}): unknown properties ignored, instants
 * as ISO-8601 strings, exact big integers, and read errors as one sentence naming the file, line and column.
 * Thread-safe.
 */
package io.aos.ops.core.json;
