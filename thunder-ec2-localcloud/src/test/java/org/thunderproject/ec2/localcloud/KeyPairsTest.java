package org.thunderproject.ec2.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.thunderproject.ec2.localcloud.TestSupport.errorCode;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.KeyType;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Key pairs: real key material and the fingerprints AWS computes, through the SDK. */
@SuppressWarnings("unchecked") // the SDK's varargs of lambdas
class KeyPairsTest {

    @RegisterExtension
    static final LocalCloudExtension CLOUD = new LocalCloudExtension();

    private Ec2Client ec2;

    @Test
    void createdRsaKeyIsPkcs1PemWithSha1OfPkcs8Fingerprint() throws Exception {
        CreateKeyPairResponse created = ec2.createKeyPair(
                r -> r.keyName("created-rsa").tagSpecifications(t -> t.resourceType(ResourceType.KEY_PAIR)
                        .tags(x -> x.key("team").value("spark"))));

        String pem = created.keyMaterial();
        assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----\n").endsWith("\n-----END RSA PRIVATE KEY-----");
        byte[] pkcs1 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        RSAPrivateKey rsa = RSAPrivateKey.getInstance(pkcs1);
        assertThat(rsa.getModulus().bitLength()).isEqualTo(2048);
        // AWS: SHA-1 of the DER PKCS#8 form of the private key.
        byte[] pkcs8 = new PrivateKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), rsa)
                .getEncoded("DER");
        String expected = HexFormat.ofDelimiter(":")
                .formatHex(MessageDigest.getInstance("SHA-1").digest(pkcs8));
        assertThat(created.keyFingerprint()).isEqualTo(expected).hasSize(59);
        assertThat(created.keyPairId()).startsWith("key-");
        assertThat(created.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=spark");

        KeyPairInfo described = ec2.describeKeyPairs(
                        r -> r.keyNames("created-rsa").includePublicKey(true))
                .keyPairs()
                .get(0);
        assertThat(described.keyFingerprint()).isEqualTo(expected);
        assertThat(described.keyType()).isEqualTo(KeyType.RSA);
        assertThat(described.keyPairId()).isEqualTo(created.keyPairId());
        assertThat(described.createTime()).isNotNull();
        // The public key EC2 keeps is the private key's public half.
        RSAPublicKey publicKey = parseSshRsa(described.publicKey());
        assertThat(publicKey.getModulus()).isEqualTo(rsa.getModulus());
        assertThat(publicKey.getPublicExponent()).isEqualTo(rsa.getPublicExponent());
    }

    @Test
    void createdEd25519KeyIsOpenSshWithSha256Fingerprint() throws Exception {
        CreateKeyPairResponse created =
                ec2.createKeyPair(r -> r.keyName("created-ed").keyType(KeyType.ED25519));

        String pem = created.keyMaterial();
        assertThat(pem)
                .startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n")
                .endsWith("\n-----END OPENSSH PRIVATE KEY-----");
        byte[] blob = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        Ed25519PrivateKeyParameters key = (Ed25519PrivateKeyParameters) OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(blob);
        byte[] publicBlob = sshBlob(
                "ssh-ed25519".getBytes(StandardCharsets.US_ASCII),
                key.generatePublicKey().getEncoded());
        // AWS: base64 SHA-256 of the public key blob, padded, without OpenSSH's "SHA256:" prefix.
        String expected = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(publicBlob));
        assertThat(created.keyFingerprint()).isEqualTo(expected).endsWith("=").doesNotStartWith("SHA256:");

        KeyPairInfo described = ec2.describeKeyPairs(
                        r -> r.keyNames("created-ed").includePublicKey(true))
                .keyPairs()
                .get(0);
        assertThat(described.keyType()).isEqualTo(KeyType.ED25519);
        assertThat(described.publicKey())
                .startsWith("ssh-ed25519 " + Base64.getEncoder().encodeToString(publicBlob));
    }

    @Test
    void importedRsaKeyHasMd5OfSubjectPublicKeyInfoFingerprint() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        String line = "ssh-rsa "
                + Base64.getEncoder()
                        .encodeToString(sshBlob(
                                "ssh-rsa".getBytes(StandardCharsets.US_ASCII),
                                pub.getPublicExponent().toByteArray(),
                                pub.getModulus().toByteArray()))
                + " me@laptop";

        var imported = ec2.importKeyPair(
                r -> r.keyName("imported-rsa").publicKeyMaterial(SdkBytes.fromUtf8String(line + "\n")));

        String expected = HexFormat.ofDelimiter(":")
                .formatHex(MessageDigest.getInstance("MD5").digest(pub.getEncoded()));
        assertThat(imported.keyFingerprint()).isEqualTo(expected);
        KeyPairInfo described = ec2.describeKeyPairs(
                        r -> r.keyNames("imported-rsa").includePublicKey(true))
                .keyPairs()
                .get(0);
        assertThat(described.keyFingerprint()).isEqualTo(expected);
        assertThat(described.publicKey()).isEqualTo(line);
        assertThat(described.keyType()).isEqualTo(KeyType.RSA);
    }

    @Test
    void importedEd25519KeyHasSha256Fingerprint() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        byte[] blob = sshBlob("ssh-ed25519".getBytes(StandardCharsets.US_ASCII), raw);
        String line = "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob);

        var imported =
                ec2.importKeyPair(r -> r.keyName("imported-ed").publicKeyMaterial(SdkBytes.fromUtf8String(line)));

        assertThat(imported.keyFingerprint())
                .isEqualTo(Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob)));
        assertThat(ec2.describeKeyPairs(r -> r.keyNames("imported-ed"))
                        .keyPairs()
                        .get(0)
                        .keyType())
                .isEqualTo(KeyType.ED25519);
    }

    @Test
    void errorsAreEc2s() {
        ec2.createKeyPair(r -> r.keyName("dup"));
        assertThat(errorCode(() -> ec2.createKeyPair(r -> r.keyName("dup")))).isEqualTo("InvalidKeyPair.Duplicate");
        assertThat(errorCode(() -> ec2.importKeyPair(r -> r.keyName("dup")
                        .publicKeyMaterial(SdkBytes.fromUtf8String(
                                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBzYMgSS5ClX8Db4c3bDOfGv2TzCTNEfX0P4sftsWJHw")))))
                .isEqualTo("InvalidKeyPair.Duplicate");
        assertThat(errorCode(() -> ec2.describeKeyPairs(r -> r.keyNames("no-such-key"))))
                .isEqualTo("InvalidKeyPair.NotFound");
        assertThat(errorCode(() -> ec2.describeKeyPairs(r -> r.keyPairIds("key-0123456789abcdef0"))))
                .isEqualTo("InvalidKeyPair.NotFound");
        assertThat(errorCode(() -> ec2.importKeyPair(
                        r -> r.keyName("garbage").publicKeyMaterial(SdkBytes.fromUtf8String("not a key")))))
                .isEqualTo("InvalidKey.Format");
        assertThat(
                        errorCode(
                                () -> ec2.importKeyPair(
                                        r -> r.keyName("ecdsa")
                                                .publicKeyMaterial(
                                                        SdkBytes.fromUtf8String(
                                                                "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=")))))
                .isEqualTo("InvalidKey.Format");
        assertThat(errorCode(() -> ec2.createKeyPair(r -> r.keyName("bad-type").keyType("dsa"))))
                .isEqualTo("InvalidParameterValue");
        assertThat(errorCode(() -> ec2.deleteKeyPair(r -> r.keyPairId("key-0123456789abcdef0"))))
                .isEqualTo("InvalidKeyPair.NotFound");
        assertThat(errorCode(() -> ec2.describeKeyPairs(
                        r -> r.filters(f -> f.name("colour").values("red")))))
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void deleteByNameIsIdempotentAndByIdWorks() {
        ec2.createKeyPair(r -> r.keyName("to-delete"));
        String id = ec2.createKeyPair(r -> r.keyName("to-delete-by-id")).keyPairId();

        assertThat(ec2.deleteKeyPair(r -> r.keyName("to-delete")).returnValue()).isTrue();
        assertThat(ec2.deleteKeyPair(r -> r.keyName("to-delete")).returnValue()).isTrue(); // EC2: unknown names succeed
        assertThat(ec2.deleteKeyPair(r -> r.keyPairId(id)).keyPairId()).isEqualTo(id);

        assertThat(errorCode(() -> ec2.describeKeyPairs(r -> r.keyNames("to-delete"))))
                .isEqualTo("InvalidKeyPair.NotFound");
        assertThat(ec2.describeKeyPairs(r -> r.filters(f -> f.name("key-name").values("to-delete*")))
                        .keyPairs())
                .isEmpty();
    }

    @Test
    void filtersByNameTypeAndTag() {
        ec2.createKeyPair(r -> r.keyName("filter-a").keyType(KeyType.ED25519).tagSpecifications(t -> t.resourceType(
                        ResourceType.KEY_PAIR)
                .tags(x -> x.key("env").value("test"))));
        ec2.createKeyPair(r -> r.keyName("filter-b").keyType(KeyType.ED25519));

        assertThat(ec2.describeKeyPairs(r -> r.filters(f -> f.name("key-name").values("filter-?")))
                        .keyPairs())
                .extracting(KeyPairInfo::keyName)
                .containsExactly("filter-a", "filter-b");
        assertThat(ec2.describeKeyPairs(r -> r.filters(f -> f.name("tag:env").values("test")))
                        .keyPairs())
                .extracting(KeyPairInfo::keyName)
                .containsExactly("filter-a");
        assertThat(ec2.describeKeyPairs(
                                r -> r.filters(f -> f.name("key-name").values("filter-*"), f -> f.name("tag-key")
                                        .values("env")))
                        .keyPairs())
                .extracting(KeyPairInfo::keyName)
                .containsExactly("filter-a");
    }

    private static RSAPublicKey parseSshRsa(String line) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(line.split(" ")[1]));
        assertThat(new String(read(in), StandardCharsets.US_ASCII)).isEqualTo("ssh-rsa");
        BigInteger e = new BigInteger(read(in));
        BigInteger n = new BigInteger(read(in));
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }

    private static byte[] read(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return b;
    }

    private static byte[] sshBlob(byte[]... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : fields) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(f.length).array());
            out.writeBytes(f);
        }
        return out.toByteArray();
    }
}
