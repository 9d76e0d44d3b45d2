package io.aos.ops.core.emergency;

import io.aos.ops.core.config.OpsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who is acting, from where: the OS user, the user behind {@code sudo} where there is one, the host and the pid. */
record Actor(String user, String sudoUser, String host, long pid) {

    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    static Actor current(OpsConfig config) {
        String sudoUser = config.env("SUDO_USER").filter(s -> !s.isBlank()).orElse(null);
        return new Actor(System.getProperty("user.name", "unknown"), sudoUser, hostName(),
                ProcessHandle.current().pid());
    }

    /**
     * The host name without a DNS lookup where possible: during an incident the resolver may be what is broken, and
     * {@code InetAddress.getLocalHost()} can then block for seconds.
     */
    private static String hostName() {
        try {
            String name = Files.readString(KERNEL_HOSTNAME, StandardCharsets.UTF_8).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | SecurityException e) {
            // Not Linux, or /proc not mounted: fall back to the JDK.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** {@code root}, or {@code root (via sudo from alice)}. */
    static String describe(String user, String sudoUser) {
        if (user == null) {
            return "unknown";
        }
        return sudoUser == null || sudoUser.equals(user) ? user : user + " (via sudo from " + sudoUser + ")";
    }
}
