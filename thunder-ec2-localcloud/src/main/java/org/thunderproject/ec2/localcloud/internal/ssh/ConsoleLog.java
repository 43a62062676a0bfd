package org.thunderproject.ec2.localcloud.internal.ssh;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import org.thunderproject.ec2.localcloud.internal.InstanceHost;

/**
 * An instance's console as GetConsoleOutput shows it: the latest boot only (like EC2), written in
 * the shape of a cloud-init boot, with the host key fingerprint block printed when SSH comes up.
 * Thread-safe.
 */
final class ConsoleLog {

    private static final String CLOUD_INIT = "Cloud-init v. 22.2.2";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final StringBuilder text = new StringBuilder();
    private long bootNanos;

    ConsoleLog(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The host name EC2 gives an instance: {@code ip-} and its private address with dashes. */
    static String hostName(InstanceHost host) {
        return "ip-" + host.privateAddress().replace('.', '-');
    }

    /** A new boot: the console restarts with the kernel and cloud-init's first stages. */
    synchronized void boot(InstanceHost host) {
        text.setLength(0);
        bootNanos = System.nanoTime();
        String now = DATE.format(clock.instant());
        line("[    0.000000] Linux version 6.1.0-localcloud (thunder-ec2 local cloud) #1 SMP");
        line("[    0.000000] Command line: BOOT_IMAGE=/boot/vmlinuz root=LABEL=/ console=ttyS0,115200n8");
        line("[    0.010000] localcloud: instance " + host.instanceId() + ", private address " + host.privateAddress()
                + ", public address " + host.publicAddress());
        line(CLOUD_INIT + " running 'init-local' at " + now + ". Up " + uptime() + " seconds.");
        line(CLOUD_INIT + " running 'init' at " + now + ". Up " + uptime() + " seconds.");
        line("ci-info: +++++++++++++++++++++++++++Net device info++++++++++++++++++++++++++++");
        line("ci-info: | Device |  Up  |   Address   |    Mask   | Scope |");
        line("ci-info: |  eth0  | True | " + host.privateAddress() + " | 255.0.0.0 | global |");
        line("ci-info: +++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++");
    }

    /** SSH is up: key generation (first boot only), then the fingerprint and key blocks. */
    synchronized void sshReady(HostKey key) {
        if (key.generated()) {
            line("Generating public/private ecdsa key pair.");
            line("Your identification has been saved in /" + HostKey.PRIVATE_KEY_FILE);
            line("Your public key has been saved in /" + HostKey.PUBLIC_KEY_FILE);
            line("The key fingerprint is:");
            line(key.fingerprint() + " " + key.comment());
        }
        String now = DATE.format(clock.instant());
        line(CLOUD_INIT + " running 'modules:config' at " + now + ". Up " + uptime() + " seconds.");
        line(CLOUD_INIT + " running 'modules:final' at " + now + ". Up " + uptime() + " seconds.");
        line("#############################################################");
        line("-----BEGIN SSH HOST KEY FINGERPRINTS-----");
        line(key.fingerprintLine());
        line("-----END SSH HOST KEY FINGERPRINTS-----");
        line("#############################################################");
        line("-----BEGIN SSH HOST KEY KEYS-----");
        line(key.publicKeyLine());
        line("-----END SSH HOST KEY KEYS-----");
        line(CLOUD_INIT + " finished at " + now + ". Datasource DataSourceEc2Local.  Up " + uptime() + " seconds");
    }

    /** A shutdown, as the console shows it before the instance goes away. */
    synchronized void shutdown() {
        if (text.length() > 0) {
            line("[" + String.format(Locale.ROOT, "%12s", uptime()) + "] reboot: Power down");
        }
    }

    /** One more line, for what happens outside the usual boot (an sshd error). */
    synchronized void append(String line) {
        line(line);
    }

    synchronized String text() {
        return text.toString();
    }

    private String uptime() {
        return String.format(Locale.ROOT, "%.2f", (System.nanoTime() - bootNanos) / 1e9);
    }

    private void line(String line) {
        text.append(line).append('\n');
    }
}
