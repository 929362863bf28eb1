package io.tradeflow.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Signs every object of a JSON-lines file with a keyring's signing key ({@link Keyring#sign},
 * R-SIG-6), one compact object per output line; blank lines are skipped.
 */
public final class SignFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SignFile() {}

    /**
     * Signs with one key, id {@value Keyring#DEFAULT_ID}: the key a notebook passes to {@code
     * Backtest.Builder.webhookSecret} (see {@link #sign(Path, Path, Keyring)}).
     */
    public static int sign(Path in, Path out, byte[] secret) {
        return sign(in, out, Keyring.single(secret));
    }

    /**
     * Writes {@code out} with each object of {@code in} signed and returns how many it wrote.
     *
     * @throws IllegalArgumentException naming the 1-based line number of a line that is not a
     *     JSON object, or when the keyring is empty
     * @throws UncheckedIOException when a file cannot be read or written
     */
    public static int sign(Path in, Path out, Keyring keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no signing key is configured");
        }
        int count = 0;
        try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
                BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                writer.write(JSON.writeValueAsString(keys.sign(object(line, number))));
                writer.newLine();
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sign " + in + " into " + out, e);
        }
        return count;
    }

    private static ObjectNode object(String line, long number) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("line " + number + ": malformed JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("line " + number + ": not a JSON object");
        }
        return (ObjectNode) node;
    }
}
