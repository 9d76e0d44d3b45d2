package io.aos.ops.bench.apidoc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Public-API javadoc coverage of the packages a service or a test embeds, measured from the sources of the library
 * modules with {@link ApiDocCoverage}. The figure is written to {@code target/api-javadoc-coverage.txt}; the packages
 * in {@link #HELD_TO_FULL} must stay fully documented.
 */
class ApiJavadocCoverageTest {

    /** The embedding API: package, and the entry types where only some of a package's public types are API. */
    static final Map<String, Set<String>> API = new TreeMap<>(Map.ofEntries(
            Map.entry("io.aos.ops.core", Set.of()),
            Map.entry("io.aos.ops.core.config", Set.of()),
            Map.entry("io.aos.ops.core.emergency", Set.of()),
            Map.entry("io.aos.ops.core.health", Set.of()),
            Map.entry("io.aos.ops.core.io", Set.of()),
            Map.entry("io.aos.ops.core.json", Set.of()),
            Map.entry("io.aos.ops.core.process", Set.of()),
            Map.entry("io.aos.ops.golden.diff", Set.of()),
            Map.entry("io.aos.ops.golden.format", Set.of()),
            Map.entry("io.aos.ops.golden.hash", Set.of()),
            Map.entry("io.aos.ops.golden.json", Set.of()),
            Map.entry("io.aos.ops.golden.junit", Set.of()),
            Map.entry("io.aos.ops.retention", Set.of()),
            Map.entry("io.aos.ops.retention.archive",
                    Set.of("Archiver", "ArchiveVerifier", "ArchiveReport", "ArchiveFormat")),
            Map.entry("io.aos.ops.retention.cleanup", Set.of()),
            Map.entry("io.aos.ops.retention.log", Set.of()),
            Map.entry("io.aos.ops.retention.restore", Set.of("Restorer")),
            Map.entry("io.aos.ops.retention.status", Set.of())));

    /** Packages whose every public type and member is documented; a gap here fails the build. */
    static final Set<String> HELD_TO_FULL = Set.of(
            "io.aos.ops.core",
            "io.aos.ops.core.config",
            "io.aos.ops.core.emergency",
            "io.aos.ops.core.health",
            "io.aos.ops.core.io",
            "io.aos.ops.core.json",
            "io.aos.ops.core.process",
            "io.aos.ops.golden.diff",
            "io.aos.ops.golden.format",
            "io.aos.ops.golden.hash",
            "io.aos.ops.golden.json",
            "io.aos.ops.golden.junit",
            "io.aos.ops.retention",
            "io.aos.ops.retention.archive",
            "io.aos.ops.retention.cleanup",
            "io.aos.ops.retention.log",
            "io.aos.ops.retention.restore",
            "io.aos.ops.retention.status");

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private static final Map<String, ApiDocCoverage.PackageFigure> RESULTS = new TreeMap<>();

    /** Whether a top-level type is API: every public type, or the named entry types where the package lists some. */
    private static boolean isApiType(javax.lang.model.element.TypeElement type) {
        String qualified = type.getQualifiedName().toString();
        Set<String> entries = API.getOrDefault(qualified.substring(0, qualified.lastIndexOf('.')), Set.of());
        return entries.isEmpty() || entries.contains(type.getSimpleName().toString());
    }

    @BeforeAll
    static void measure() throws IOException {
        Map<String, ApiDocCoverage.PackageFigure> results = ApiDocCoverage.measure(List.of(
                REPO.resolve("aos-ops-core/src/main/java"),
                REPO.resolve("aos-ops-golden/src/main/java"),
                REPO.resolve("aos-ops-retention/src/main/java")), API.keySet(), ApiJavadocCoverageTest::isApiType);
        RESULTS.clear();
        RESULTS.putAll(results);

        // documented: comment and every @param/@return/@throws; commented: a comment at all
        StringBuilder report = new StringBuilder("package\tdocumented\tcommented\titems\tcoverage\n");
        int items = 0;
        int documented = 0;
        int commented = 0;
        for (Map.Entry<String, ApiDocCoverage.PackageFigure> e : RESULTS.entrySet()) {
            ApiDocCoverage.PackageFigure f = e.getValue();
            items += f.items;
            documented += f.documented();
            commented += f.commented;
            report.append(String.format("%s\t%d\t%d\t%d\t%.1f%%%n", e.getKey(), f.documented(), f.commented,
                    f.items, 100.0 * f.documented() / f.items));
        }
        report.append(String.format("TOTAL\t%d\t%d\t%d\t%.1f%%%n", documented, commented, items,
                100.0 * documented / items));
        report.append("\nundocumented:\n");
        RESULTS.forEach((pkg, f) -> f.undocumented.forEach(u -> report.append(u).append('\n')));
        Path out = Path.of("target", "api-javadoc-coverage.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.print(report);
    }

    @Test
    void everyApiPackageIsMeasured() {
        assertThat(RESULTS.keySet()).containsExactlyInAnyOrderElementsOf(API.keySet());
        RESULTS.forEach((pkg, f) -> assertThat(f.items).as(pkg).isGreaterThan(1));
    }

    @Test
    void packagesHeldToFullCoverageHaveNoUndocumentedItem() {
        for (String pkg : HELD_TO_FULL) {
            assertThat(RESULTS.get(pkg).undocumented).as("undocumented public API in %s", pkg)
                    .isEmpty();
        }
    }
}
