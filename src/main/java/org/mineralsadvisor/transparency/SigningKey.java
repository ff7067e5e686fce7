package org.mineralsadvisor.transparency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Map;
import java.util.Set;

/**
 * The service's Ed25519 signing key, kept in a PEM file that holds the private key (PKCS#8,
 * {@code PRIVATE KEY}) and its public key ({@code PUBLIC KEY}): the JDK cannot derive the one from
 * the other. A key made with openssl gets its public block with
 * {@code openssl pkey -in key.pem -pubout >> key.pem}. A file this service writes is readable by
 * its owner only.
 */
public final class SigningKey {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final Path file;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey, Path file) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = Ed25519.keyId(publicKey);
        this.file = file;
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The file the key was read from or written to; null for a key held only in memory. */
    public Path file() {
        return file;
    }

    public String sign(String text) {
        return Ed25519.sign(privateKey, text);
    }

    /** A new key, held in memory until {@link #writeNew}. */
    public static SigningKey generate() {
        KeyPair pair = Ed25519.generate();
        return new SigningKey(pair.getPrivate(), pair.getPublic(), null);
    }

    /** The PEM text of the key: private block, then public block. */
    String pem() {
        return Pem.block("PRIVATE KEY", privateKey.getEncoded()) + Pem.block("PUBLIC KEY", publicKey.getEncoded());
    }

    /** The public key alone, as PEM (what an auditor is given to check signatures with). */
    public String publicPem() {
        return Pem.block("PUBLIC KEY", publicKey.getEncoded());
    }

    /**
     * Writes the key to {@code path}, which must not exist yet, readable by its owner only (where
     * the file system has POSIX permissions): created with those permissions, never widened later.
     * @throws FileAlreadyExistsException when another process wrote it first
     */
    public SigningKey writeNew(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] text = pem().getBytes(StandardCharsets.US_ASCII);
        if (Files.getFileStore(parent == null ? Path.of(".") : parent).supportsFileAttributeView("posix")) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(path);
        }
        Files.write(path, text, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        return new SigningKey(privateKey, publicKey, path);
    }

    /**
     * Reads the key at {@code path}, or makes one there when no file exists (the first start). Two
     * instances starting at once on one file both end up with the key that was written first.
     */
    public static SigningKey loadOrGenerate(Path path) {
        if (Files.exists(path)) {
            return load(path);
        }
        try {
            return generate().writeNew(path);
        } catch (FileAlreadyExistsException e) {
            return load(path);
        } catch (IOException e) {
            throw new KeyFileException(path + ": cannot write a new signing key: " + e.getMessage());
        }
    }

    /** Reads a key file; {@link KeyFileException} saying what is wrong with it. */
    public static SigningKey load(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KeyFileException(path + ": cannot read the signing key: " + e.getMessage());
        }
        Map<String, byte[]> blocks;
        try {
            blocks = Pem.blocks(text);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(path + ":" + e.getMessage());
        }
        byte[] privateDer = blocks.get("PRIVATE KEY");
        if (privateDer == null) {
            throw new KeyFileException(path + ": no PRIVATE KEY block (PKCS#8): the signing key file holds the "
                    + "private key and its public key, e.g. openssl genpkey -algorithm ed25519 -out key.pem && "
                    + "openssl pkey -in key.pem -pubout >> key.pem");
        }
        byte[] publicDer = blocks.get("PUBLIC KEY");
        if (publicDer == null) {
            throw new KeyFileException(path + ": no PUBLIC KEY block after the private key: add it with "
                    + "openssl pkey -in " + path + " -pubout >> " + path);
        }
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance(Ed25519.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(privateDer));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyFileException(path + ": the PRIVATE KEY block is not an Ed25519 key");
        }
        PublicKey publicKey;
        try {
            publicKey = Ed25519.publicKey(publicDer);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(path + ": the PUBLIC KEY block is " + e.getMessage());
        }
        String probe = "minerals-advisor key pair check";
        if (!Ed25519.verify(publicKey, probe, Ed25519.sign(privateKey, probe))) {
            throw new KeyFileException(path + ": the PUBLIC KEY block is not the public key of the PRIVATE KEY block");
        }
        return new SigningKey(privateKey, publicKey, path);
    }

    /** A key file that cannot be used, with the file and the reason in the message. */
    public static final class KeyFileException extends RuntimeException {
        public KeyFileException(String message) {
            super(message);
        }
    }
}
