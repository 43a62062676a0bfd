package org.thunderproject.ec2.localcloud.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thunderproject.ec2.localcloud.ApiRateLimits;
import org.thunderproject.ec2.localcloud.internal.actions.ActionRegistry;
import org.thunderproject.ec2.localcloud.internal.http.FileServer;
import org.thunderproject.ec2.localcloud.internal.http.QueryServer;
import org.thunderproject.ec2.localcloud.internal.model.BootSpread;
import org.thunderproject.ec2.localcloud.internal.model.CloudState;
import org.thunderproject.ec2.localcloud.internal.model.Directories;
import org.thunderproject.ec2.localcloud.internal.model.FaultSettings;
import org.thunderproject.ec2.localcloud.internal.model.FaultState;
import org.thunderproject.ec2.localcloud.internal.model.Timings;
import org.thunderproject.ec2.localcloud.internal.ssh.BootHooks;
import org.thunderproject.ec2.localcloud.internal.ssh.SshInstanceRuntime;
import org.thunderproject.ec2.localcloud.internal.throttle.RateLimiter;

/**
 * What a running local cloud is made of: its data directory, instance runtime, EC2 model, Query
 * API server, (optionally) the file server of the Spark runtime, and the SDK clients handed out.
 * Started in that order from {@link LocalCloudSettings}; a failure part-way closes what was
 * started. Closed in reverse.
 */
public final class LocalCloudParts {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCloudParts.class);

    private final Path dataDirectory;
    private final boolean deleteDataDirectory;
    private final InstanceRuntime runtime;
    private final Timings timings;
    private final FaultState faultState;
    private final CloudState state;
    private final QueryServer server;
    private final URI endpoint;
    private final FileServer files;
    private final Optional<String> sparkDownloadUrl;
    private final SdkClients clients;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalCloudParts(LocalCloudSettings settings) throws IOException {
        this.deleteDataDirectory = settings.dataDirectory() == null;
        this.dataDirectory = settings.dataDirectory() == null
                ? Files.createTempDirectory("localcloud-")
                : Files.createDirectories(settings.dataDirectory());
        this.runtime = settings.runtime() != null
                ? settings.runtime()
                : settings.ssh()
                        ? SshInstanceRuntime.builder()
                                .bootDelay(settings.sshBootDelay())
                                .bootHooks(new BootHooks(
                                        new BootSpread(settings.sshBootSpread(), settings.seed() + 1), this::sshReady))
                                .environment(NodeEnvironment.forThisJvm())
                                .build()
                        : InstanceRuntime.NONE;
        this.timings = settings.timings();
        this.faultState = new FaultState();
        this.state = new CloudState(settings.region(), timings, faultState, dataDirectory, settings.sshPort(), runtime);
        state.pendingSpread(new BootSpread(settings.pendingSpread(), settings.seed()));
        try {
            this.server = QueryServer.start(
                    state, ActionRegistry.create(), new FaultSettings(faultState, timings), settings.port());
            if (settings.apiRateLimits() == ApiRateLimits.EC2) {
                server.rateLimits(new RateLimiter());
            }
        } catch (IOException | RuntimeException e) {
            closeModel();
            throw e;
        }
        this.endpoint = URI.create("http://127.0.0.1:" + server.port());
        Path sparkRuntime = settings.sparkRuntime();
        if (sparkRuntime != null) {
            String name = "spark/" + sparkRuntime.getFileName();
            try {
                this.files = FileServer.start(Map.of(name, sparkRuntime));
            } catch (IOException | RuntimeException e) {
                server.close();
                closeModel();
                throw e;
            }
            this.sparkDownloadUrl = Optional.of(files.url(name).toString());
            server.sparkRuntime(files.url(name));
            LOG.info("Local cloud serving the Spark runtime {} at {}", sparkRuntime, sparkDownloadUrl.get());
        } else {
            this.files = null;
            this.sparkDownloadUrl = Optional.empty();
        }
        this.clients = new SdkClients(endpoint);
    }

    /** Starts the parts; an {@link IOException} when a port cannot be bound or a directory made. */
    public static LocalCloudParts start(LocalCloudSettings settings) throws IOException {
        return new LocalCloudParts(settings);
    }

    private void sshReady(String instanceId) {
        state.bootTimes().sshReady(instanceId);
    }

    public URI endpoint() {
        return endpoint;
    }

    public Optional<String> sparkDownloadUrl() {
        return sparkDownloadUrl;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public InstanceRuntime runtime() {
        return runtime;
    }

    public Timings timings() {
        return timings;
    }

    public FaultState faultState() {
        return faultState;
    }

    /** The SDK clients made for the cloud's users, closed first on {@link #close()}. */
    public SdkClients clients() {
        return clients;
    }

    public CloudState state() {
        return state;
    }

    /**
     * Closes the SDK clients, stops the servers, the lifecycle threads and the runtime, and deletes
     * a temporary data directory. Idempotent: true only for the call that closed.
     */
    public boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        clients.close();
        server.close();
        if (files != null) {
            files.close();
        }
        closeModel();
        return true;
    }

    private void closeModel() {
        state.close();
        closeQuietly(runtime);
        if (deleteDataDirectory) {
            Directories.deleteRecursively(dataDirectory);
        }
    }

    /** Closes {@code closeable}, logging (not throwing) a failure. */
    public static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed", closeable.getClass().getSimpleName(), e);
        }
    }
}
