package io.aos.ops.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Jackson's location of a parse error, turned into the line and character column (from 1) of what is wrong; the
 * {@code ^} in each text marks the character the position must name (it is removed before parsing).
 */
class TextPositionTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "the first character     | ^x{\"a\":1}",
        "a stray character       | {\"a\":^@}",
        "after a two-byte char   | {\"a\":\"\u00e9\",^x}",
        "after a four-byte char  | {\"\ud83d\ude00\":\"\u4e2d\",^@}",
        "after escapes           | {\"a\":\"\\u00e9\\n\\\"\",^tru}",
        "a word at the line end  | {\"a\":^nul",
        "a word before a space   | {\"a\": ^fals }",
        "on a later CRLF line    | `{\"a\":1,\r\n \"b\":^yes}`",
        "at the line end         | {\"a\":\"\u00e9\",^",
    })
    void namesTheMarkedCharacter(String what, String marked) throws Exception {
        int mark = marked.indexOf('^');
        String text = marked.substring(0, mark) + marked.substring(mark + 1) + "\n\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        JsonProcessingException e = parseError(bytes);
        Path file = Files.write(tmp.resolve("t.json"), bytes);
        long line = 1 + text.substring(0, mark).chars().filter(c -> c == '\n').count();
        int lineStart = Math.max(text.lastIndexOf('\n', mark - 1), text.lastIndexOf('\r', mark - 1)) + 1;
        long column = text.codePointCount(lineStart, mark) + 1;
        String problem = e.getOriginalMessage();

        TextPosition inBytes = TextPosition.of(bytes, 0, bytes.length, e.getLocation().getLineNr(),
                e.getLocation().getColumnNr(), problem);
        TextPosition inFile = TextPosition.inFile(file, e.getLocation().getLineNr(), e.getLocation().getColumnNr(),
                problem);

        assertThat(inBytes).as(problem).isEqualTo(new TextPosition(line, column));
        assertThat(inFile).isEqualTo(inBytes);
    }

    private static JsonProcessingException parseError(byte[] bytes) throws Exception {
        try (JsonParser p = OpsJson.mapper().getFactory().createParser(bytes)) {
            while (p.nextToken() != null) {
                // read to the error
            }
        } catch (JsonProcessingException e) {
            return e;
        }
        throw new AssertionError("no parse error in " + new String(bytes, StandardCharsets.UTF_8));
    }
}
