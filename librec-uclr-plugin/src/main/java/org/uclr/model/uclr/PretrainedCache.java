package org.uclr.model.uclr;

import org.uclr.UclrException;
import org.uclr.config.ConfigKey;
import org.uclr.config.Settings;
import org.uclr.data.DataKeys;
import org.uclr.engine.ModelArchive;
import org.uclr.eval.EvalKeys;
import org.uclr.model.backbone.Backbone;
import org.uclr.model.backbone.LightGCNKeys;
import org.uclr.model.bprmf.BprmfKeys;
import org.uclr.util.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A directory of trained stage-1 backbones ({@code uclr.pretrained.cache}), keyed by everything that
 * determines them (the dataset's fingerprint, the seed, the backbone and every one of its keys), so
 * experiments on the later stages skip an identical stage 1. Training is deterministic per seed on CPU,
 * so a loaded backbone equals a retrained one. A lab tool: a cached stage 1 has no training.tsv rows.
 * Each entry is {@code pge-HASH.safetensors} (the backbone's saved tensors) and {@code pge-HASH.txt} (the
 * description it was stored under, checked on load).
 */
final class PretrainedCache {
    private final Path dir;

    PretrainedCache(Path dir) {
        this.dir = dir;
    }

    /**
     * What determines stage 1: data, seed, the validation candidates it early-stops on (their number of
     * negatives, the protocol), the backbone kind and the values of all its keys.
     */
    static String describe(String dataFingerprint, long seed, Settings settings) {
        return describe(dataFingerprint, seed, settings, settings.get(BprmfKeys.USER_OFFSETS));
    }

    /** As {@link #describe(String, long, Settings)}, for the BPR-MF with or without user offsets. */
    static String describe(String dataFingerprint, long seed, Settings settings, boolean userOffsets) {
        UclrBackbone kind = settings.get(UclrKeys.BACKBONE);
        List<ConfigKey<?>> keys = kind == UclrBackbone.LIGHTGCN ? new LightGCNKeys().keys() : new BprmfKeys().keys();
        StringBuilder sb = new StringBuilder("data ").append(dataFingerprint).append(" seed ").append(seed)
                .append(' ').append(DataKeys.NEGATIVES.name()).append('=').append(settings.get(DataKeys.NEGATIVES))
                .append(' ').append(EvalKeys.PROTOCOL.name()).append('=').append(settings.get(EvalKeys.PROTOCOL))
                .append(" backbone ").append(kind);
        for (ConfigKey<?> key : keys) {
            if (key != BprmfKeys.MODE) {                                            // stage 1 is always global
                sb.append(' ').append(key.name()).append('=')
                        .append(key == BprmfKeys.USER_OFFSETS ? Boolean.valueOf(userOffsets) : settings.get(key));
            }
        }
        return sb.toString();
    }

    /**
     * As {@link #describe(String, long, Settings, boolean)} for the backbone trained on one domain alone
     * ({@code uclr.domain.model}; without user offsets, which only a model over several domains has).
     */
    static String describeDomain(String dataFingerprint, long seed, Settings settings, String domain) {
        return describe(dataFingerprint, seed, settings, false) + " trained on domain " + domain + " alone";
    }

    /** The tensor file of one description (named by a hash of it). */
    Path file(String description) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(description.getBytes(StandardCharsets.UTF_8));
            return dir.resolve("pge-" + HexFormat.of().formatHex(h, 0, 8) + ".safetensors");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path descriptionFile(String description) {
        String tensors = file(description).getFileName().toString();
        return dir.resolve(tensors.replace(".safetensors", ".txt"));
    }

    /**
     * Restores {@code backbone} from the entry of this description.
     *
     * @return false when there is none
     * @throws UclrException if the entry was stored for another description or cannot be read
     */
    boolean load(String description, Backbone backbone) {
        Path tensors = file(description);
        Path text = descriptionFile(description);
        if (!Files.isRegularFile(tensors) || !Files.isRegularFile(text)) {
            return false;
        }
        try {
            if (!Files.readString(text, StandardCharsets.UTF_8).equals(description)) {
                throw new UclrException(text + " was stored for other settings (a hash collision); delete it");
            }
        } catch (IOException e) {
            throw new UclrException("cannot read the stage-1 cache " + text + ": " + e.getMessage(), e);
        }
        backbone.load(ModelArchive.read(tensors, Map.of()), "uclr/pge");
        return true;
    }

    /** Stores a trained backbone under this description (tensors first, so a found description has them). */
    void save(String description, Backbone backbone) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UclrException("cannot create the stage-1 cache " + dir + ": " + e.getMessage(), e);
        }
        ModelArchive archive = new ModelArchive();
        backbone.save(archive, "uclr/pge");
        archive.writeTensors(file(description));
        AtomicFiles.writeString(descriptionFile(description), description);
    }
}
