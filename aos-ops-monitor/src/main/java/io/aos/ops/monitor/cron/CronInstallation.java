package io.aos.ops.monitor.cron;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.io.RegularFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The runbook's crontab entry installed as a file of its own in {@code /etc/cron.d} ({@code $AOS_CRON_DIR}): every 15
 * minutes, as {@code user}, the installation's cron-check launcher, with the carried variables as environment lines.
 *
 * <p>The file is {@code <cron dir>/aos-ops} (no dot: cron skips such names), mode 0644 (cron ignores a group- or
 * world-writable file), written atomically, and it starts with the line {@link #MARKER}: a file at that path without
 * that line is someone else's and is neither replaced (unless forced) nor removed. Everything is decided here; the CLI
 * only maps outcomes to exit codes.
 *
 * <p>Environment lines are written so that both cron parsers in use read them back unchanged (Debian's Vixie cron
 * 3.0, which ends a value at '#' and strips a pair of matching quotes, and ISC cron 4.1 / cronie, which reads a
 * quoted value up to its closing quote): a value is quoted only when it must be (a blank at either end, a quote
 * first), with a quote character it does not contain; a value neither can hold is a usage error naming the variable.
 */
public final class CronInstallation {

    /** The first line of the file, by which {@code remove}, {@code show} and pre-flight know it is ours. */
    public static final String MARKER = "# aos-ops: managed by 'aos-ops cron install'";

    /** The file's name in the cron directory. */
    public static final String FILE_NAME = "aos-ops";

    /** The runbook's crontab runs as root. */
    public static final String DEFAULT_USER = "root";

    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r--r--");

    /** cron's own limit on an environment line (Vixie cron's MAX_ENVSTR is 1000, with the '=' and the NUL). */
    private static final int MAX_ENV_LINE = 997;
    private static final long MAX_BYTES = 64 * 1024;
    private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");

    /** What {@link #status} found. */
    public enum State {
        /** Our file, byte for byte what {@link #install} would write now, mode 0644. */
        MATCHES,
        /** Our file, but not what {@link #install} would write now (another environment, path, user or mode). */
        DIFFERS,
        /** No file at the path. */
        MISSING,
        /** A file at the path without our marker. */
        NOT_OURS
    }

    /** What {@link #install} did. */
    public enum InstallOutcome {
        INSTALLED, UPDATED, UNCHANGED, REPLACED_NOT_OURS, REFUSED_NOT_OURS
    }

    /** What {@link #remove} did. */
    public enum RemoveOutcome {
        REMOVED, NOTHING_INSTALLED, REFUSED_NOT_OURS
    }

    /**
     * The installed file (if any) beside what {@link #install} would write now.
     *
     * @param problems why the state is not MATCHES, one line each (empty when it matches)
     */
    public record Status(Path file, State state, Optional<String> installed, String expected, List<String> problems) {
        public Status {
            problems = List.copyOf(problems);
        }
    }

    private final Path cronDir;
    private final Path home;
    private final Map<String, String> carried;
    private final String user;

    /**
     * @param cronDir the cron directory ({@code /etc/cron.d})
     * @param home the installation whose launcher the entry runs
     * @param carried the environment lines, name to value
     * @param user the user field of the entry
     */
    public CronInstallation(Path cronDir, Path home, Map<String, String> carried, String user) {
        this.cronDir = checkNotNull(cronDir, "cronDir");
        this.home = checkNotNull(home, "home").toAbsolutePath();
        this.carried = new TreeMap<>(checkNotNull(carried, "carried"));
        checkNotNull(user, "user");
        if (!USER.matcher(user).matches()) {
            throw new BadConfigurationException("'" + user + "' is not a user name for a cron entry");
        }
        this.user = user;
    }

    /**
     * The installation as {@code config} places it: the cron directory from {@code AOS_CRON_DIR} (or its flag), and
     * the carried variables the configuration sets ({@link CrontabLine#carried(OpsConfig)}).
     */
    public static CronInstallation forConfig(OpsConfig config, Path home, String user) {
        return new CronInstallation(config.path(OpsSetting.CRON_DIR), home, CrontabLine.carried(config), user);
    }

    /** {@code <cron dir>/aos-ops}. */
    public Path file() {
        return cronDir.resolve(FILE_NAME);
    }

    /** The file {@link #install} writes: the marker, a note, the environment lines and the entry. */
    public String expectedContent() {
        StringBuilder content = new StringBuilder(MARKER).append('\n');
        content.append("# The runbook's cron check, every 15 minutes. 'aos-ops cron show' compares this file with ")
                .append("what install would write now;\n# 'aos-ops cron remove' deletes it. Edits are overwritten by ")
                .append("the next 'aos-ops cron install'.\n");
        carried.forEach((name, value) -> content.append(envLine(name, value)).append('\n'));
        content.append(entryLine()).append('\n');
        return content.toString();
    }

    /** The entry line itself: {@code *}{@code /15 * * * * <user> <launcher>}. */
    public String entryLine() {
        return CrontabLine.SCHEDULE + ' ' + user + ' ' + CrontabLine.command(home);
    }

    /**
     * Writes the file if it is missing or ours and different; leaves it alone if it already matches; a file without
     * the marker is replaced only when {@code force}.
     */
    public InstallOutcome install(boolean force) throws IOException {
        String expected = expectedContent();
        Status status = status(expected);
        InstallOutcome outcome = switch (status.state()) {
            case MATCHES -> InstallOutcome.UNCHANGED;
            case DIFFERS -> InstallOutcome.UPDATED;
            case MISSING -> InstallOutcome.INSTALLED;
            case NOT_OURS -> force ? InstallOutcome.REPLACED_NOT_OURS : InstallOutcome.REFUSED_NOT_OURS;
        };
        if (outcome != InstallOutcome.UNCHANGED && outcome != InstallOutcome.REFUSED_NOT_OURS) {
            AtomicFiles.replace(file(), expected.getBytes(StandardCharsets.UTF_8), MODE);
        }
        return outcome;
    }

    /** Deletes the file if it is ours; a file without the marker is left alone. */
    public RemoveOutcome remove() throws IOException {
        Optional<String> installed = read();
        if (installed.isEmpty()) {
            return RemoveOutcome.NOTHING_INSTALLED;
        }
        if (!isOurs(installed.get())) {
            return RemoveOutcome.REFUSED_NOT_OURS;
        }
        Files.deleteIfExists(file());
        AtomicFiles.forceDirectory(cronDir);
        return RemoveOutcome.REMOVED;
    }

    /** What is installed, and whether it is what {@link #install} would write now. */
    public Status status() throws IOException {
        return status(expectedContent());
    }

    private Status status(String expected) throws IOException {
        Optional<String> installed = read();
        if (installed.isEmpty()) {
            return new Status(file(), State.MISSING, installed, expected, List.of("no file " + file()));
        }
        if (!isOurs(installed.get())) {
            return new Status(file(), State.NOT_OURS, installed, expected,
                    List.of(file() + " has no '" + MARKER + "' line: not installed by aos-ops"));
        }
        List<String> problems = new ArrayList<>();
        if (!installed.get().equals(expected)) {
            problems.add("its content is not what 'aos-ops cron install' would write now");
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file());
        if (!mode.equals(MODE)) {
            problems.add("its mode is " + PosixFilePermissions.toString(mode) + ", not rw-r--r--"
                    + (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)
                    ? " (cron ignores a group- or world-writable file)" : ""));
        }
        return new Status(file(), problems.isEmpty() ? State.MATCHES : State.DIFFERS, installed, expected, problems);
    }

    private Optional<String> read() {
        Path file = file();
        if (!Files.isDirectory(cronDir)) {
            throw new BadConfigurationException(cronDir + ": no such directory (the cron.d directory: is cron installed? "
                    + "set --cron-dir or AOS_CRON_DIR)");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RegularFile.readString(file, MAX_BYTES));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw UnreadableFileException.of(file, e);
        }
    }

    private static boolean isOurs(String content) {
        return content.lines().anyMatch(MARKER::equals);
    }

    /** {@code NAME=value} as both cron parsers read it back; quoted only where a value needs it. */
    static String envLine(String name, String value) {
        CrontabLine.checkOneLine(name, value);
        if (value.indexOf('#') >= 0) {
            throw new BadConfigurationException(name + "='" + value + "' holds a '#', where Debian's cron ends the value; "
                    + "a cron.d file cannot carry it");
        }
        char first = value.charAt(0);
        char last = value.charAt(value.length() - 1);
        boolean needsQuotes = isBlank(first) || isBlank(last) || first == '\'' || first == '"';
        String line;
        if (!needsQuotes) {
            line = name + "=" + value;
        } else if (value.indexOf('"') < 0) {
            line = name + "=\"" + value + "\"";
        } else if (value.indexOf('\'') < 0) {
            line = name + "='" + value + "'";
        } else {
            throw new BadConfigurationException(name + "='" + value + "' starts or ends with a blank or a quote and holds "
                    + "both quote characters; a cron.d file cannot carry it");
        }
        if (line.length() > MAX_ENV_LINE) {
            throw new BadConfigurationException(name + " is " + value.length() + " characters long; cron reads at most "
                    + MAX_ENV_LINE + " per environment line");
        }
        return line;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
