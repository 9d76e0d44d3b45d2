package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the build publishes for each library module, read from the jars it built (so it runs after package, as an IT):
 * the jar names its module, the name the module system derives from it is that name (what
 * {@code jar --describe-module} shows), and the sources and javadoc jars are attached with real content.
 */
class LibraryJarsIT {

    static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("aos.ops.version", "0.1.0-SNAPSHOT");

    private static Path jar(String module, String classifier) {
        String name = "aos-ops-" + module + "-" + VERSION + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar";
        return REPO.resolve("aos-ops-" + module).resolve("target").resolve(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"core", "golden", "retention", "monitor"})
    void theJarNamesItsModuleAndTheModuleSystemUsesThatName(String module) throws IOException {
        Path jar = jar(module, "");
        assertThat(jar).isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                    .isEqualTo("io.aos.ops." + module);
        }
        Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
        assertThat(found).hasSize(1);
        ModuleDescriptor descriptor = found.iterator().next().descriptor();
        assertThat(descriptor.name()).isEqualTo("io.aos.ops." + module);
        assertThat(descriptor.isAutomatic()).isTrue();
        assertThat(descriptor.packages()).allMatch(p -> p.startsWith("io.aos.ops." + module));
    }

    @ParameterizedTest
    @ValueSource(strings = {"core", "golden", "retention", "monitor"})
    void sourcesAndJavadocJarsAreAttachedWithEveryPackage(String module) throws IOException {
        Set<String> packages;
        try (JarFile classes = new JarFile(jar(module, "").toFile())) {
            packages = entries(classes).stream().filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                    .map(n -> n.substring(0, n.lastIndexOf('/'))).collect(Collectors.toSet());
        }
        assertThat(packages).isNotEmpty();
        try (JarFile sources = new JarFile(jar(module, "sources").toFile())) {
            List<String> names = entries(sources);
            for (String pkg : packages) {
                assertThat(names).as("sources of %s", pkg).anyMatch(n -> n.startsWith(pkg + "/")
                        && n.endsWith(".java") && n.indexOf('/', pkg.length() + 1) < 0);
            }
        }
        try (JarFile javadoc = new JarFile(jar(module, "javadoc").toFile())) {
            List<String> names = entries(javadoc);
            assertThat(names).contains("index.html");
            for (String pkg : packages) {
                assertThat(names).as("javadoc of %s", pkg).contains(pkg + "/package-summary.html");
            }
        }
    }

    @Test
    void theCommandJarNamesItsModuleToo() throws IOException {
        Path jar = Path.of(System.getProperty("aos.ops.jar", "target/aos-ops.jar"));
        assertThat(Files.isRegularFile(jar)).as("%s is built", jar).isTrue();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                    .isEqualTo("io.aos.ops.cli");
        }
    }

    private static List<String> entries(JarFile jar) {
        return Collections.list(jar.entries()).stream().map(e -> e.getName()).collect(Collectors.toList());
    }
}
