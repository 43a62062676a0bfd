package org.thunderproject.ec2.internal.nodes;

import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/**
 * The keys read from an identity file: the public key always, the private key when the file is
 * not encrypted.
 *
 * @param publicKey the public key
 * @param privateKey the private key, absent when the file is encrypted
 */
public record KeyMaterial(AsymmetricKeyParameter publicKey, Optional<AsymmetricKeyParameter> privateKey) {

    /** Checks for nulls. */
    public KeyMaterial {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** {@code rsa}, {@code ed25519}, or another algorithm name. */
    public String algorithm() {
        if (publicKey instanceof RSAKeyParameters) {
            return "rsa";
        }
        if (publicKey instanceof Ed25519PublicKeyParameters) {
            return "ed25519";
        }
        return publicKey.getClass().getSimpleName();
    }
}
