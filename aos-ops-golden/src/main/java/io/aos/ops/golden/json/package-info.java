/**
 * Python-compatible JSON: {@link io.aos.ops.golden.json.PyJson} renders a Jackson tree exactly as Python's
 * {@code json.dumps(..., ensure_ascii=True)} does (compact, default and indent-2 styles; float {@code repr}; code point
 * key order), {@link io.aos.ops.golden.json.PyFloat} is Python's float {@code repr}/{@code round}, and
 * {@link io.aos.ops.golden.json.GoldenJson} reads what Python writes ({@code NaN}, big integers).
 * Public API for services: {@code PyJson}, {@code PyFloat}, {@code GoldenJson}; {@code PyJsonOutput} and
 * {@code PyStr} are building blocks for the hash and format packages.
 */
package io.aos.ops.golden.json;
