package io.aos.ops.golden.format;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.golden.json.PyJson;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes simulation goldens (format B) exactly as the Python runner does: {@code json.dump(asdict(result), f,
 * indent=2)}, fields in the order given (dataclass order for {@link SimulationGolden}), {@code ","} and
 * {@code ": "} separators, ASCII escaping, no trailing newline.
 */
public final class SimulationGoldenWriter {

    private SimulationGoldenWriter() {
    }

    /**
     * The file bytes of a golden object, its fields in their insertion order.
     *
     * @param golden the golden object
     * @return the file's bytes
     */
    public static byte[] toBytes(JsonNode golden) {
        checkNotNull(golden, "golden");
        return PyJson.dumpsBytes(golden, PyJson.Style.INDENT_2);
    }

    /**
     * The file bytes of a golden, its fields in dataclass order.
     *
     * @param golden the golden
     * @return the file's bytes
     */
    public static byte[] toBytes(SimulationGolden golden) {
        return toBytes(golden.toJson());
    }

    /**
     * Writes {@code <dir>/<run_id>.golden.json} atomically and returns its path.
     *
     * @param dir    the directory; must exist
     * @param golden the golden
     * @return the file written
     * @throws IOException if it cannot be written; an older file is then left as it was
     */
    public static Path write(Path dir, SimulationGolden golden) throws IOException {
        checkNotNull(dir, "dir");
        Path file = dir.resolve(golden.runId() + ".golden.json");
        AtomicFiles.replace(file, toBytes(golden));
        return file;
    }
}
