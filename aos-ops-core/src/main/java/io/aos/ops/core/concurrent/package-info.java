/**
 * Work a caller hands to an executor it is given, never to threads of the library's own:
 * {@link io.aos.ops.core.concurrent.ChunkedWork} (a list worked through in chunks by the executor's threads and the
 * calling thread together, results in the list's order).
 */
package io.aos.ops.core.concurrent;
