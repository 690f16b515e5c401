package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import org.uclr.engine.DenseParameter;
import org.uclr.engine.Mlp;
import org.uclr.engine.TrainContext;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The collaborative autoencoder both streams share: an MLP encoder m -> hidden... (e.g. 128 -> 32)
 * and the mirrored decoder, ReLU between layers, linear latent and output.
 */
public final class DualStreamAutoencoder {
    private final Mlp encoder;
    private final Mlp decoder;

    public DualStreamAutoencoder(TrainContext ctx, int inputSize, List<Integer> hidden, SplittableRandom rng) {
        int[] enc = new int[hidden.size() + 1];
        enc[0] = inputSize;
        for (int i = 0; i < hidden.size(); i++) {
            enc[i + 1] = hidden.get(i);
        }
        int[] dec = new int[enc.length];
        for (int i = 0; i < enc.length; i++) {
            dec[i] = enc[enc.length - 1 - i];
        }
        encoder = new Mlp(ctx, enc, Mlp.RELU, false, rng, "uclr.encoder");
        decoder = new Mlp(ctx, dec, Mlp.RELU, false, rng, "uclr.decoder");
    }

    private DualStreamAutoencoder(Mlp encoder, Mlp decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** An independent frozen copy (one per domain after stage 2, trainable by the finetune's optimizer). */
    public DualStreamAutoencoder copy(String name) {
        return new DualStreamAutoencoder(encoder.copy(name + ".encoder"), decoder.copy(name + ".decoder"));
    }

    /** [B, m] to [B, latent]. */
    public NDArray encode(NDArray users) {
        return encoder.forward(users);
    }

    /** [B, latent] to [B, m]. */
    public NDArray decode(NDArray latent) {
        return decoder.forward(latent);
    }

    /** Reconstruction loss (eq. 4) of one stream: mean over the batch of |dec(e_i) - E_i|^2. */
    public static NDArray reconstruction(NDArray decoded, NDArray target) {
        return decoded.sub(target).square().sum(new int[]{1}).mean();
    }

    public List<DenseParameter> parameters() {
        List<DenseParameter> out = new ArrayList<>(encoder.parameters());
        out.addAll(decoder.parameters());
        return out;
    }
}
