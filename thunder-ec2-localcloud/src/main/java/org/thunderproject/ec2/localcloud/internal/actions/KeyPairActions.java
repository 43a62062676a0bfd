package org.thunderproject.ec2.localcloud.internal.actions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.http.XmlWriter;
import org.thunderproject.ec2.localcloud.internal.keys.GeneratedKeyPair;
import org.thunderproject.ec2.localcloud.internal.keys.OpenSshPublicKey;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.KeyPairEntry;
import org.thunderproject.ec2.localcloud.internal.model.Region;

/** DescribeKeyPairs, CreateKeyPair, ImportKeyPair, DeleteKeyPair. */
final class KeyPairActions {

    private static final Filters<KeyPairEntry> FILTERS = Filters.<KeyPairEntry>of()
            .single("key-name", KeyPairEntry::name)
            .single("key-pair-id", KeyPairEntry::id)
            .single("fingerprint", KeyPairEntry::fingerprint)
            .single("key-type", KeyPairEntry::type)
            .tags(KeyPairEntry::tags);

    private KeyPairActions() {}

    static void register(ActionRegistry registry) {
        registry.locked("DescribeKeyPairs", KeyPairActions::describe);
        registry.unlocked("CreateKeyPair", KeyPairActions::create);
        registry.locked("ImportKeyPair", KeyPairActions::importKey);
        registry.locked("DeleteKeyPair", KeyPairActions::delete);
    }

    private static void describe(Request request, XmlWriter out) {
        Region region = request.region();
        QueryParams params = request.params();
        List<String> names = params.strings("KeyName");
        List<String> ids = params.strings("KeyPairId");
        List<KeyPairEntry> selected = new ArrayList<>();
        for (String name : names) {
            selected.add(region.keyPair(name));
        }
        for (String id : ids) {
            KeyPairEntry key = region.keyPairs().values().stream()
                    .filter(k -> k.id().equals(id))
                    .findFirst()
                    .orElseThrow(
                            () -> Ec2Error.of("InvalidKeyPair.NotFound", "The key pair '" + id + "' does not exist"));
            if (!selected.contains(key)) {
                selected.add(key);
            }
        }
        if (names.isEmpty() && ids.isEmpty()) {
            selected.addAll(region.keyPairs().values());
        }
        Predicate<KeyPairEntry> filter = FILTERS.parse(params);
        boolean includePublicKey = params.bool("IncludePublicKey", false);
        out.list("keySet", selected.stream().filter(filter).toList(), (w, key) -> {
            w.leaf("keyPairId", key.id()).leaf("keyType", key.type());
            Common.tagSet(w, key.tags());
            if (includePublicKey) {
                w.leaf("publicKey", key.publicKey());
            }
            w.leaf("createTime", key.createTime())
                    .leaf("keyName", key.name())
                    .leaf("keyFingerprint", key.fingerprint());
        });
    }

    private static void create(Request request, XmlWriter out) {
        QueryParams params = request.params();
        String name = validName(params.required("KeyName"));
        String type = params.optional("KeyType").orElse("rsa");
        if (!type.equals("rsa") && !type.equals("ed25519")) {
            throw Ec2Error.invalidValue("Invalid value '" + type + "' for KeyType. Valid values: rsa, ed25519");
        }
        String format = params.optional("KeyFormat").orElse("pem");
        if (!format.equals("pem")) {
            throw Ec2Error.invalidValue("KeyFormat '" + format + "' is not supported by the local cloud; use pem");
        }
        Map<String, String> tags =
                Common.tagSpecifications(params, Set.of("key-pair")).getOrDefault("key-pair", Map.of());
        synchronized (request.cloud().lock()) {
            checkFree(request.region(), name);
        }
        // Key generation takes a while; keep it outside the lock.
        GeneratedKeyPair generated = GeneratedKeyPair.generate(type, name);
        KeyPairEntry key;
        synchronized (request.cloud().lock()) {
            checkFree(request.region(), name);
            key = new KeyPairEntry(
                    request.cloud().ids().next("key"),
                    name,
                    type,
                    generated.fingerprint(),
                    generated.publicKey(),
                    request.cloud().now(),
                    request.cloud().nextSeq());
            key.tags().putAll(tags);
            request.region().keyPairs().put(name, key);
        }
        out.leaf("keyName", key.name())
                .leaf("keyFingerprint", key.fingerprint())
                .leaf("keyMaterial", generated.privateKeyPem())
                .leaf("keyPairId", key.id());
        Common.tagSet(out, key.tags());
    }

    private static void importKey(Request request, XmlWriter out) {
        QueryParams params = request.params();
        String name = validName(params.required("KeyName"));
        String material = decodeMaterial(params.required("PublicKeyMaterial"));
        OpenSshPublicKey publicKey;
        try {
            publicKey = OpenSshPublicKey.parse(material);
        } catch (OpenSshPublicKey.FormatException e) {
            throw Ec2Error.of("InvalidKey.Format", e.getMessage());
        }
        Map<String, String> tags =
                Common.tagSpecifications(params, Set.of("key-pair")).getOrDefault("key-pair", Map.of());
        checkFree(request.region(), name);
        KeyPairEntry key = new KeyPairEntry(
                request.cloud().ids().next("key"),
                name,
                publicKey.type(),
                publicKey.fingerprint(),
                publicKey.authorizedKeysLine(),
                request.cloud().now(),
                request.cloud().nextSeq());
        key.tags().putAll(tags);
        request.region().keyPairs().put(name, key);
        out.leaf("keyFingerprint", key.fingerprint())
                .leaf("keyName", key.name())
                .leaf("keyPairId", key.id());
        Common.tagSet(out, key.tags());
    }

    // The API carries the key file base64-encoded; tolerate a raw key line too.
    private static String decodeMaterial(String value) {
        String trimmed = value.trim();
        if (trimmed.startsWith("ssh-") || trimmed.startsWith("---- BEGIN")) {
            return trimmed;
        }
        try {
            return new String(Base64.getMimeDecoder().decode(trimmed), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Ec2Error.of("InvalidKey.Format", "Key is not in valid OpenSSH public key format");
        }
    }

    // EC2 deletes by name idempotently (an unknown name succeeds); an unknown id is an error.
    private static void delete(Request request, XmlWriter out) {
        QueryParams params = request.params();
        String name = params.string("KeyName");
        String id = params.string("KeyPairId");
        Region region = request.region();
        KeyPairEntry key;
        if (id != null && !id.isEmpty()) {
            key = region.keyPairs().values().stream()
                    .filter(k -> k.id().equals(id))
                    .findFirst()
                    .orElseThrow(
                            () -> Ec2Error.of("InvalidKeyPair.NotFound", "The key pair '" + id + "' does not exist"));
        } else if (name != null && !name.isEmpty()) {
            key = region.keyPairs().get(name);
        } else {
            throw Ec2Error.missing("KeyName or KeyPairId");
        }
        if (key != null) {
            region.keyPairs().remove(key.name());
        }
        out.leaf("return", true);
        if (key != null) {
            out.leaf("keyPairId", key.id());
        }
    }

    private static void checkFree(Region region, String name) {
        if (region.keyPairs().containsKey(name)) {
            throw Ec2Error.of("InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists.");
        }
    }

    private static String validName(String name) {
        if (name.length() > 255 || !name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw Ec2Error.invalidValue("Invalid key pair name '" + name + "': up to 255 ASCII characters");
        }
        return name;
    }
}
