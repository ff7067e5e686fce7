package org.mineralsadvisor.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;

/**
 * A public key an auditor holds and trusts, read from a file: a PEM {@code PUBLIC KEY} block (what
 * {@code GET /v1/audit/key} gives as {@code pem}, or openssl's {@code -pubout}), a signing-key file
 * (its public block), or the JSON of {@code GET /v1/audit/key}.
 */
public record TrustedKey(String keyId, PublicKey key, String source) {

    public static TrustedKey read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the key: " + e.getMessage());
        }
        PublicKey key;
        if (text.trim().startsWith("{")) {
            key = fromJson(file, text);
        } else {
            Map<String, byte[]> blocks;
            try {
                blocks = Pem.blocks(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + e.getMessage());
            }
            byte[] der = blocks.get("PUBLIC KEY");
            if (der == null) {
                throw new IllegalArgumentException(file + ": no PUBLIC KEY block (PEM) and not the JSON of GET /v1/audit/key");
            }
            try {
                key = Ed25519.publicKey(der);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": the PUBLIC KEY block is " + e.getMessage());
            }
        }
        return new TrustedKey(Ed25519.keyId(key), key, file.toString());
    }

    private static PublicKey fromJson(Path file, String text) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getOriginalMessage());
        }
        JsonNode publicKey = json.path("publicKey");
        if (!publicKey.isTextual()) {
            throw new IllegalArgumentException(file + ": $.publicKey: missing (expected the JSON of GET /v1/audit/key)");
        }
        try {
            PublicKey key = Ed25519.publicKey(publicKey.asText());
            if (json.path("keyId").isTextual() && !json.path("keyId").asText().equals(Ed25519.keyId(key))) {
                throw new IllegalArgumentException(file + ": $.keyId is not the SHA-256 of $.publicKey");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(file.toString()) ? e
                    : new IllegalArgumentException(file + ": $.publicKey: " + e.getMessage());
        }
    }
}
