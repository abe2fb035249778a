package io.dialright.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs development and test tokens. It is generated on first use into a directory that is
 * never committed ({@code .dialright/keys} or {@code target/}); production verifies against a configured key or JWKS.
 */
public final class DevKeys {

    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    private final KeyPair keyPair;
    private final Path publicKeyFile;

    private DevKeys(KeyPair keyPair, Path publicKeyFile) {
        this.keyPair = keyPair;
        this.publicKeyFile = publicKeyFile;
    }

    /** Loads the key pair from {@code dir}, generating and writing a new one if there is none. */
    public static DevKeys loadOrCreate(Path dir) {
        Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                return new DevKeys(read(privateFile, publicFile), publicFile);
            }
            Files.createDirectories(dir);
            KeyPair pair = generate();
            // Owner-only from the first byte: the key is never readable by others, not even briefly.
            Files.createFile(privateFile,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            write(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded());
            write(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded());
            return new DevKeys(pair, publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the development keys in " + dir, e);
        }
    }

    /** A fresh key pair that is not written anywhere: a "foreign" signer in tests. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    private static KeyPair read(Path privateFile, Path publicFile) throws IOException {
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pem(privateFile)));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(pem(publicFile)));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IOException("Not an RSA key in PEM form: " + privateFile + " / " + publicFile, e);
        }
    }

    private static byte[] pem(Path file) throws IOException {
        String body = Files.readString(file, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static void write(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
    }
}
