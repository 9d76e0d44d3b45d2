package io.aos.ops.golden.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.golden.hash.VolatileFields;
import org.junit.jupiter.api.Test;

class FieldNamesTest {

    /** ΟΔΟΣ_ΑΡΙΘΜΟΣ: CPython lowers it to οδος_αριθμος, Java's toLowerCase to οδοσ_αριθμος. */
    private static final String STREET_NUMBER = "\u039f\u0394\u039f\u03a3_\u0391\u03a1\u0399\u0398\u039c\u039f\u03a3";
    private static final String STREET_NUMBER_LOWER =
            "\u03bf\u03b4\u03bf\u03c2_\u03b1\u03c1\u03b9\u03b8\u03bc\u03bf\u03c2";

    @Test
    void camelCaseSeparatorsAndCapitalsNormaliseToLowerSnakeCase() {
        assertThat(FieldNames.normalise("createdAt")).isEqualTo("created_at");
        assertThat(FieldNames.normalise("Created-At")).isEqualTo("created_at");
        assertThat(FieldNames.normalise("wall.time ms")).isEqualTo("wall_time_ms");
    }

    @Test
    void capitalSigmaNormalisesAsPythonLowersIt() {
        assertThat(FieldNames.normalise(STREET_NUMBER)).isEqualTo(STREET_NUMBER_LOWER);
        assertThat(FieldNames.normalise("a_\u03a3")).isEqualTo("a_\u03c3");
    }

    @Test
    void aKeyTheVolatileSetDropsIsVolatileToTheDiffToo() {
        VolatileFields fields = VolatileFields.of(STREET_NUMBER, "a1\u03a3", "b\u03a3");
        DiffOptions options = DiffOptions.defaults().withVolatileFields(fields);
        for (String key : new String[] {STREET_NUMBER, "a1\u03a3", "b\u03a3"}) {
            assertThat(fields.contains(key)).as(key).isTrue();
            assertThat(FieldNames.isVolatile(key, options.volatileFields())).as(key).isTrue();
        }
    }
}
