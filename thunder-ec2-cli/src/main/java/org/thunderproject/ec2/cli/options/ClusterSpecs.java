package org.thunderproject.ec2.cli.options;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.thunderproject.ec2.ClusterSpec;
import org.thunderproject.ec2.ClusterSpec.ShutdownBehavior;
import org.thunderproject.ec2.cli.Terminal;
import org.thunderproject.ec2.cli.UsageException;

/**
 * Builds a {@link ClusterSpec} from option layers: for each option the first layer that gives
 * it (after the subcommand, then before it), else the config file, else the spec's default.
 * Touches only local files (the user-data file), never the cloud.
 */
public final class ClusterSpecs {

    private final Terminal terminal;
    private final ConfigFile config;
    private final List<KeyOptions> keyLayers;
    private final List<LaunchOptions> launchLayers;

    public ClusterSpecs(
            Terminal terminal, ConfigFile config, List<KeyOptions> keyLayers, List<LaunchOptions> launchLayers) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.config = Objects.requireNonNull(config, "config");
        this.keyLayers = List.copyOf(keyLayers);
        this.launchLayers = List.copyOf(launchLayers);
    }

    /**
     * The validated spec of cluster {@code name} in {@code region} (when one was given);
     * {@code defaults} stand in where no option and no config file gives a value.
     */
    public ClusterSpec build(String name, Optional<String> region, SpecDefaults defaults) {
        ClusterSpec.Builder spec = ClusterSpec.builder().name(Objects.requireNonNull(name, "name"));
        region.ifPresent(spec::region);

        Optional<String> keyPair = key(k -> k.keyPair, "key-pair");
        Optional<String> identityFile = key(k -> k.identityFile, "identity-file");
        if (keyPair.isPresent() != identityFile.isPresent()) {
            throw new UsageException("give the key pair and its private key file together: -k KEY_PAIR -i FILE");
        }
        keyPair.ifPresent(spec::keyName);
        identityFile.map(f -> terminal.expand(f).toAbsolutePath().normalize()).ifPresent(spec::identityFile);

        launch(l -> l.slaves, "slaves", Integer.class).ifPresent(spec::slaves);
        launch(l -> l.instanceType, "instance-type", String.class).ifPresent(spec::instanceType);
        launch(l -> l.masterInstanceType, "master-instance-type", String.class).ifPresent(spec::masterInstanceType);
        // spark-ec2's "all" spread slaves over zones; without a zone EC2 chooses (and we retry others).
        launch(l -> l.zone, "zone", String.class).filter(z -> !z.equals("all")).ifPresent(spec::availabilityZone);
        launch(l -> l.ami, "ami", String.class).ifPresent(spec::ami);
        launch(l -> l.user, "user", String.class).ifPresent(spec::user);
        launch(l -> l.sshPort, "ssh-port", Integer.class).or(defaults::sshPort).ifPresent(spec::sshPort);
        launch(l -> l.spotPrice, "spot-price", BigDecimal.class).ifPresent(spec::spotPrice);
        launch(l -> l.ebsVolumeSize, "ebs-vol-size", Integer.class).ifPresent(spec::ebsVolumeSizeGb);
        launch(l -> l.ebsVolumeType, "ebs-vol-type", String.class).ifPresent(spec::ebsVolumeType);
        launch(l -> l.ebsVolumeCount, "ebs-vol-num", Integer.class).ifPresent(spec::ebsVolumeCount);
        launch(l -> l.placementGroup, "placement-group", String.class).ifPresent(spec::placementGroup);
        launch(l -> l.vpcId, "vpc-id", String.class).ifPresent(spec::vpcId);
        launch(l -> l.subnetId, "subnet-id", String.class).ifPresent(spec::subnetId);
        launch(l -> l.instanceProfileName, "instance-profile-name", String.class)
                .ifPresent(spec::instanceProfileName);
        launch(l -> l.shutdownBehavior, "instance-initiated-shutdown-behavior", ShutdownBehavior.class)
                .ifPresent(spec::instanceInitiatedShutdownBehavior);
        launch(l -> l.userDataFile, "user-data", String.class)
                .map(this::readUserData)
                .ifPresent(spec::userData);

        launch(l -> l.sparkVersion, "spark-version", String.class).ifPresent(spec::sparkVersion);
        launch(l -> l.sparkUrl, "spark-url", String.class)
                .or(defaults::sparkUrl)
                .ifPresent(spec::sparkDownloadUrl);
        launch(l -> l.sparkWorkerCores, "spark-worker-cores", Integer.class).ifPresent(spec::sparkWorkerCores);
        launch(l -> l.sparkWorkerMemory, "spark-worker-memory", String.class)
                .or(defaults::sparkWorkerMemory)
                .ifPresent(spec::sparkWorkerMemory);
        launch(l -> l.sparkConnectPort, "spark-connect-port", Integer.class).ifPresent(spec::sparkConnectPort);
        launch(l -> l.pythonPackageIndex, "python-package-index", String.class).ifPresent(spec::pythonPackageIndex);
        List<String> packages = list(l -> l.pythonPackages, "python-packages");
        if (!packages.isEmpty()) {
            spec.pythonPackages(packages.equals(List.of("none")) ? List.of() : packages);
        } else {
            defaults.pythonPackages().ifPresent(spec::pythonPackages);
        }

        spec.authorizedCidrs(list(l -> l.authorizedAddresses, "authorized-address"));
        spec.additionalSecurityGroups(list(l -> l.additionalSecurityGroups, "additional-security-group"));
        spec.additionalTags(tags());
        return spec.build();
    }

    private Optional<String> key(Function<KeyOptions, String> field, String configKey) {
        for (KeyOptions layer : keyLayers) {
            String value = field.apply(layer);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return config.value(configKey, String.class);
    }

    private <T> Optional<T> launch(Function<LaunchOptions, T> field, String configKey, Class<T> type) {
        for (LaunchOptions layer : launchLayers) {
            T value = field.apply(layer);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return config.value(configKey, type);
    }

    // Lists add up across both sides of the subcommand; the config file counts only when neither gives any.
    private List<String> list(Function<LaunchOptions, List<String>> field, String configKey) {
        List<String> values = new ArrayList<>();
        for (LaunchOptions layer : launchLayers) {
            List<String> value = field.apply(layer);
            if (value != null) {
                value.stream().map(String::trim).filter(v -> !v.isEmpty()).forEach(values::add);
            }
        }
        return values.isEmpty() ? config.strings(configKey) : values;
    }

    private Map<String, String> tags() {
        List<String> given = new ArrayList<>();
        for (LaunchOptions layer : launchLayers) {
            if (layer.additionalTags != null) {
                given.addAll(layer.additionalTags);
            }
        }
        return given.isEmpty() ? config.tags("additional-tags") : Tags.parse("--additional-tags", given);
    }

    private String readUserData(String file) {
        Path path = terminal.expand(file);
        try {
            byte[] bytes = Files.readAllBytes(path);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UsageException("--user-data: " + path + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException(
                    "--user-data: cannot read " + path + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    e);
        }
    }
}
