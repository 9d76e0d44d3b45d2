/**
 * File I/O with the suite's safety rules: {@link io.aos.ops.core.io.AtomicFiles} (a file is replaced whole or not at
 * all, an audit line is appended in one forced write), {@link io.aos.ops.core.io.RegularFile} (only regular files are
 * opened, and only up to a bound: a FIFO never hangs a reader), and {@link io.aos.ops.core.io.IoReason} (the one
 * wording of an I/O failure for an operator). Static methods without state: thread-safe; concurrent writers of the
 * same file each see a whole file, the last rename wins.
 */
package io.aos.ops.core.io;
