package io.aos.ops.core.emergency;

import io.aos.ops.core.config.OpsConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A separate JVM for {@link EmergencyStopProcessIT}: its state directory comes from {@code AOS_STATE_DIR}.
 *
 * <ul>
 *   <li>{@code enable GO COUNT TAG}: waits for the file GO, then enables COUNT times with reasons TAG-0, TAG-1, ...</li>
 *   <li>{@code cycle GO COUNT TAG}: waits for GO, then enables and disables COUNT times.</li>
 *   <li>{@code watch}: an engine loop checking before every (1 ms) step; prints {@code SEEN <epoch ms>} when stopped.</li>
 * </ul>
 * Prints {@code READY} once it is started and warmed up.
 */
public final class EmergencyStopChild {

    private EmergencyStopChild() {
    }

    public static void main(String[] args) throws Exception {
        EmergencyStop stop = EmergencyStop.forConfig(OpsConfig.fromEnvironment());
        switch (args[0]) {
            case "watch" -> watch(stop);
            case "enable", "cycle" -> change(stop, args[0], Path.of(args[1]), Integer.parseInt(args[2]), args[3]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void watch(EmergencyStop stop) throws InterruptedException {
        if (stop.isEngaged()) {
            throw new IllegalStateException("engaged before the test enabled it: " + stop.status().describe());
        }
        System.out.println("READY");
        System.out.flush();
        while (!stop.isEngaged()) {
            Thread.sleep(1); // one workflow step
        }
        System.out.println("SEEN " + System.currentTimeMillis());
        System.out.flush();
    }

    private static void change(EmergencyStop stop, String mode, Path go, int count, String tag) throws Exception {
        System.out.println("READY");
        System.out.flush();
        while (!Files.exists(go)) {
            Thread.sleep(1);
        }
        for (int i = 0; i < count; i++) {
            EmergencyStopController.of(stop).enable(tag + "-" + i);
            if (mode.equals("cycle")) {
                EmergencyStopController.of(stop).disable(tag + "-" + i);
            }
        }
        System.out.println("DONE");
    }
}
