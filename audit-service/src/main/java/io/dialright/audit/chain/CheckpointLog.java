package io.dialright.audit.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dialright.audit.config.AuditConfig;

/**
 * The append-only file of signed checkpoints and the Ed25519 key that signs them, both in a directory outside the
 * database: whoever can rewrite the audit table cannot forge a checkpoint without this key.
 */
@ApplicationScoped
public class CheckpointLog {

    private static final String PRIVATE_KEY = "checkpoint-ed25519.key";
    private static final String PUBLIC_KEY = "checkpoint-ed25519.pub";
    private static final String LOG = "checkpoints.jsonl";

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Path dir;
    private final KeyPair keys;
    private long lastSeq;

    public CheckpointLog(AuditConfig config) {
        this.dir = config.checkpoints().dir().toAbsolutePath();
        this.keys = loadOrCreateKeys(dir);
        List<Checkpoint> written = readAll();
        this.lastSeq = written.isEmpty() ? 0 : written.get(written.size() - 1).seq();
    }

    /** The seq of the newest checkpoint written, 0 when there is none. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** Signs and appends a checkpoint of the given committed head; the line is on disk when this returns. */
    public synchronized Checkpoint append(long seq, byte[] entryHash) {
        String hash = HexFormat.of().formatHex(entryHash);
        Instant now = Instant.now();
        Checkpoint checkpoint = new Checkpoint(seq, hash, now, sign(Checkpoint.signedBytes(seq, hash, now)));
        try (FileChannel log = FileChannel.open(dir.resolve(LOG), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            log.write(StandardCharsets.UTF_8.encode(json.writeValueAsString(checkpoint) + "\n"));
            log.force(true);
            lastSeq = seq;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not append to the checkpoint log in " + dir, e);
        }
        return checkpoint;
    }

    /** Every checkpoint in the order written. */
    public synchronized List<Checkpoint> readAll() {
        Path log = dir.resolve(LOG);
        if (!Files.exists(log)) {
            return List.of();
        }
        try {
            List<Checkpoint> checkpoints = new ArrayList<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    checkpoints.add(json.readValue(line, Checkpoint.class));
                }
            }
            return checkpoints;
        } catch (IOException e) {
            throw new UncheckedIOException("The checkpoint log " + log + " cannot be read", e);
        }
    }

    public boolean signatureValid(Checkpoint checkpoint) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(keys.getPublic());
            verifier.update(Checkpoint.signedBytes(checkpoint.seq(), checkpoint.entryHash(), checkpoint.signedAt()));
            return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private String sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(data);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of the JDK since 15", e);
        }
    }

    private static KeyPair loadOrCreateKeys(Path dir) {
        Path privateFile = dir.resolve(PRIVATE_KEY);
        Path publicFile = dir.resolve(PUBLIC_KEY);
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                return new KeyPair(
                        factory.generatePublic(new X509EncodedKeySpec(decode(publicFile))),
                        factory.generatePrivate(new PKCS8EncodedKeySpec(decode(privateFile))));
            }
            Files.createDirectories(dir);
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createFile(privateFile,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateFile, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            Files.writeString(publicFile, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            return pair;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load or create the checkpoint key in " + dir, e);
        }
    }

    private static byte[] decode(Path file) throws IOException {
        return Base64.getDecoder().decode(Files.readString(file).strip());
    }
}
