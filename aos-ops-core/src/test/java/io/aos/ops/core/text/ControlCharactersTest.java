package io.aos.ops.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Nothing read from a file acts on the terminal it is shown on, and the text itself is shown as it is: checked against
 * a model (each control character as its escape, every other character as it is) over generated text mixing ASCII,
 * control characters, accented letters, CJK and characters outside the BMP.
 */
class ControlCharactersTest {

    private static final String ESC = "\u001b";

    private static String randomText(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        for (int n = r.nextInt(40); n > 0; n--) {
            switch (r.nextInt(5)) {
                case 0 -> b.append((char) r.nextInt(0x20, 0x7f));
                case 1 -> b.append((char) r.nextInt(0, 0x200));
                case 2 -> b.appendCodePoint(r.nextInt(0x4e00, 0x9fff));
                case 3 -> b.appendCodePoint(r.nextInt(0x1f300, 0x1faff));
                default -> b.append(new String[] {ESC + "]0;pwned\u0007", ESC + "[2J", "\r", "\t", "\n", "\u009b31m",
                        "\u0085"}[r.nextInt(7)]);
            }
        }
        return b.toString();
    }

    private static String model(String s, boolean keepLayout) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (!control || (keepLayout && (c == '\t' || c == '\n'))) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\x%02x", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean onlyLayoutControls(String s) {
        return s.chars().allMatch(c -> !(c < 0x20 || (c >= 0x7f && c <= 0x9f)) || c == '\t' || c == '\n');
    }

    @Test
    void forTerminalLeavesNoControlCharacterButTabAndNewlineAndChangesNothingElse() {
        SplittableRandom r = new SplittableRandom(20261203L);
        for (int i = 0; i < 20_000; i++) {
            String s = randomText(r);
            String shown = ControlCharacters.forTerminal(s);
            assertThat(onlyLayoutControls(shown)).as("%s", shown).isTrue();
            if (onlyLayoutControls(s)) {
                assertThat(shown).isSameAs(s);
            }
            assertThat(shown).isEqualTo(model(s, true));
        }
    }

    @Test
    void oneLineLeavesNoControlCharacterAtAllAndChangesNothingElse() {
        SplittableRandom r = new SplittableRandom(20261204L);
        for (int i = 0; i < 20_000; i++) {
            String s = randomText(r);
            String line = ControlCharacters.oneLine(s);
            assertThat(line.chars().noneMatch(c -> ControlCharacters.isControl((char) c))).as("%s", line).isTrue();
            assertThat(line).isEqualTo(model(s, false));
        }
    }

    @Test
    void aWindowTitleSequenceABareCarriageReturnAndABellAreShownNotObeyed() {
        assertThat(ControlCharacters.forTerminal(ESC + "]0;owned" + "\u0007[INFO] fine\rFAKE\tok"))
                .isEqualTo("\\x1b]0;owned\\x07[INFO] fine\\rFAKE\tok");
        assertThat(ControlCharacters.forTerminal("Zyklus 5: ✓ 完了 🎉")).isEqualTo("Zyklus 5: ✓ 完了 🎉");
    }
}
