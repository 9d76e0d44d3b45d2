package io.aos.ops.monitor.metrics;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped Alertmanager configuration, deploy/alertmanager/alertmanager.yml, and the copy the ITs run: the same
 * routes, grouping and inhibitions, line for line; only each receiver's URL points at the test's
 * {@link WebhookReceiver} ({@link WebhookReceiver#url}: path = receiver name) and the group waits are a second, so notifications come in seconds.
 * Repeat intervals stay as shipped (hours): a repeated notification would be a second one where the test wants one.
 */
final class AlertmanagerConfig {

    private static final Pattern RECEIVER = Pattern.compile("^\\s*- name:\\s*(\\S+)\\s*$");
    private static final Pattern URL = Pattern.compile("^(\\s*(?:- )?url:\\s*).*$");
    private static final Pattern GROUP_TIMING = Pattern.compile("^(\\s*(?:group_wait|group_interval):\\s*).*$");

    private AlertmanagerConfig() {
    }

    /** deploy/alertmanager/alertmanager.yml of this checkout. */
    static Path file() {
        return AlertRules.file().getParent().resolveSibling("alertmanager").resolve("alertmanager.yml");
    }

    /** The receiver names of the shipped file, in order. */
    static List<String> receivers() throws IOException {
        List<String> names = new ArrayList<>();
        boolean inReceivers = false;
        for (String line : Files.readAllLines(file())) {
            if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("#")) {
                inReceivers = line.startsWith("receivers:");
            }
            Matcher m = RECEIVER.matcher(line);
            if (inReceivers && m.matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Writes the IT's copy into {@code dir}, each receiver posting to {@code receiverUrl(name)}, and returns it. */
    static Path forTest(Path dir, Function<String, URI> receiverUrl) throws IOException {
        List<String> out = new ArrayList<>();
        Set<String> pointed = new LinkedHashSet<>();
        String current = null;
        boolean inReceivers = false;
        int timings = 0;
        for (String line : Files.readAllLines(file())) {
            if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("#")) {
                inReceivers = line.startsWith("receivers:");
            }
            Matcher name = RECEIVER.matcher(line);
            Matcher url = URL.matcher(line);
            Matcher timing = GROUP_TIMING.matcher(line);
            if (inReceivers && name.matches()) {
                current = name.group(1);
            } else if (inReceivers && url.matches()) {
                line = url.group(1) + receiverUrl.apply(current);
                pointed.add(current);
            } else if (timing.matches()) {
                line = timing.group(1) + "1s";
                timings++;
            }
            out.add(line);
        }
        if (!pointed.equals(new LinkedHashSet<>(receivers())) || timings == 0) {
            throw new IllegalStateException(file() + ": expected every receiver to have a url and the route group "
                    + "timings, rewrote urls of " + pointed + " and " + timings + " timings");
        }
        Files.createDirectories(dir);
        Path copy = dir.resolve("alertmanager.yml");
        Files.write(copy, out);
        return copy;
    }
}
