package io.aos.ops.bench.apidoc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The coverage doclet against a fixture package whose documented and undocumented items are known by hand. */
class ApiDocCoverageTest {

    private static final Path FIXTURE = Path.of("src/test/resources/apidoc-fixture");

    @Test
    void countsEachApiItemAndNamesEveryGap() {
        Map<String, ApiDocCoverage.PackageFigure> results =
                ApiDocCoverage.measure(List.of(FIXTURE), List.of("fixture"), t -> true);

        ApiDocCoverage.PackageFigure f = results.get("fixture");
        // package 1 + Documented 5 + Gaps 6 + Point 3 + Colour 5 (with Shade); Hidden and overrides are not API
        assertThat(f.undocumented).containsExactlyInAnyOrder(
                "fixture.Gaps#field",
                "fixture.Gaps#add(int, int) @param b, @return",
                "fixture.Gaps#open() @throws IOException",
                "fixture.Gaps#Gaps()",
                "fixture.Point @param y",
                "fixture.Colour#GREEN",
                "fixture.Colour.Shade#depth()");
        assertThat(f.items).isEqualTo(20);
        assertThat(f.documented()).isEqualTo(13);
        assertThat(f.commented).isEqualTo(15);  // add() and open() have a comment, with gaps
    }

    @Test
    void theTypeFilterLeavesOutTypesThatAreNotEntryPoints() {
        Map<String, ApiDocCoverage.PackageFigure> results = ApiDocCoverage.measure(List.of(FIXTURE),
                List.of("fixture"), t -> t.getSimpleName().contentEquals("Documented"));

        ApiDocCoverage.PackageFigure f = results.get("fixture");
        assertThat(f.items).isEqualTo(6);  // the package comment and Documented's five items
        assertThat(f.undocumented).isEmpty();
    }
}
