package io.aos.ops.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadInputException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsJsonTest {

    @Test
    void badJsonNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cycle_3.json");
        Files.writeString(file, "{\n  \"a\": 1,\n  \"b\": tru\n}");
        assertThatThrownBy(() -> OpsJson.readTree(file))
                .isInstanceOf(AosOpsException.class)
                .hasMessageStartingWith(file + ": invalid JSON at line 3, column ")
                .isInstanceOf(BadInputException.class);
    }

    /** The column counts characters, not UTF-8 bytes, and names the start of the unknown word, not its end. */
    @Test
    void theColumnCountsCharactersAndNamesTheStartOfTheBadWord(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("status.json");
        Files.writeString(file, "{\"m\": \"\u00e9\ud83d\ude00\\u00e9\",\n \"\u4e2d\": tru }\n");
        assertThatThrownBy(() -> OpsJson.readTree(file))
                .hasMessageStartingWith(file + ": invalid JSON at line 2, column 7: ")
                .satisfies(e -> assertThat(((BadInputException) e).column()).hasValue(7));
    }

    @Test
    void aMissingFileIsBadInputNamingTheFile(@TempDir Path dir) {
        Path file = dir.resolve("nope.json");
        assertThatThrownBy(() -> OpsJson.readTree(file)).hasMessage(file + ": no such file");
    }

    @Test
    void unsignedSixtyFourBitSeedsStayExact(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"seed\": 15554826178763638935}");
        JsonNode node = OpsJson.readTree(file);
        assertThat(node.get("seed").bigIntegerValue()).isEqualTo(new BigInteger("15554826178763638935"));
    }
}
