package org.uclr.baselines.catart;

import org.uclr.engine.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.DenseParameter;
import org.uclr.engine.TrainContext;

import java.util.SplittableRandom;

/**
 * CAT (Li et al., WSDM 2023): an autoencoder over a user's stacked domain embeddings [e_u^1; ...; e_u^N]
 * (N m), encoder N m -> 5m -> 3m -> m and mirrored decoder, PReLU between layers. Two streams per user,
 * the unmasked stack and one with a random domain replaced by a learnable pad vector; the loss pulls
 * their encodings together against the batch's other users (symmetric InfoNCE) and asks each stream
 * to reconstruct the unmasked stack. The encoding of the unmasked stack is the user's global embedding.
 */
final class ContrastiveAutoencoder {
    private final TrainContext engine;
    private final PReluMlp encoder;
    private final PReluMlp decoder;
    private final DenseParameter pad;
    private final int factors;
    private final double tau;
    private final double contrastWeight;
    private final double reconWeight;

    ContrastiveAutoencoder(TrainContext engine, int domains, int factors, double tau, double contrastWeight,
                           double reconWeight, String name) {
        this.engine = engine;
        this.factors = factors;
        this.tau = tau;
        this.contrastWeight = contrastWeight;
        this.reconWeight = reconWeight;
        SplittableRandom rng = engine.random(name + "/init");
        int m = factors;
        encoder = new PReluMlp(engine, new int[]{domains * m, 5 * m, 3 * m, m}, rng, name + ".encoder");
        decoder = new PReluMlp(engine, new int[]{m, 3 * m, 5 * m, domains * m}, rng, name + ".decoder");
        pad = new DenseParameter(name + ".pad", engine.gaussian(1, m, 0.1, rng)); // [1, m]
    }

    Checkpoint checkpoint() {
        return new Checkpoint().addAll(encoder.parameters()).addAll(decoder.parameters()).add(pad);
    }

    AdamOptimizer optimizer(AdamConfig adam) {
        return new AdamOptimizer(adam).addAll(encoder.parameters()).addAll(decoder.parameters()).add(pad);
    }

    /** [b, N m] to [b, m]. */
    NDArray encode(NDArray stacked) {
        return encoder.forward(stacked);
    }

    /** [b, m] to [b, N m]. */
    NDArray decode(NDArray code) {
        return decoder.forward(code);
    }

    /**
     * CAT's objective: contrastWeight * InfoNCE(enc(X), enc(X_masked)) + reconWeight * (MSE(dec(enc(X)), X)
     * + MSE(dec(enc(X_masked)), X)).
     *
     * @param stacked [b, N m] unmasked stacks
     * @param masked  the masked domain of each row
     */
    NDArray loss(NDArray stacked, int[] masked, NDManager step) {
        NDArray maskedStack = DomainMask.apply(stacked, masked, pad.value(), step);
        NDArray code = encode(stacked);              // [b, m]
        NDArray maskedCode = encode(maskedStack);    // [b, m]
        NDArray contrast = InfoNce.symmetric(code, maskedCode, tau);
        NDArray recon = mse(decode(code), stacked).add(mse(decode(maskedCode), stacked));
        return Scalars.mul(contrast, contrastWeight).add(Scalars.mul(recon, reconWeight));
    }

    private static NDArray mse(NDArray predicted, NDArray target) {
        return predicted.sub(target).square().mean();
    }

    /** CAT's objective on the users' stacks (rows of {@code stackTable}, frozen) with their masked domains. */
    NDArray loss(NDManager step, NDArray stackTable, long[] users, int[] masked) {
        NDArray stacked = stackTable.get(step, new NDIndex("{}", step.create(users)));   // [b, N m], frozen
        return loss(stacked, masked, step);
    }

    /** Encodings of every row of {@code stackTable}, owned by {@code owner}: [rows, m]. */
    NDArray encodeAll(NDArray stackTable, NDManager owner) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray codes = encode(stackTable);
            NDScope.unregister(codes);
            codes.attach(owner);
            return codes;
        }
    }

    /** The decoded embedding of domain d for the given users: [n, m] (for validating CAT on its own). */
    NDArray decodedDomain(NDArray stackTable, NDArray users, int domain) {
        NDArray stacked = stackTable.get(users.getManager(), new NDIndex("{}", users));
        return decode(encode(stacked)).get(new NDIndex(":, {}:{}", domain * factors, (domain + 1) * factors));
    }
}
