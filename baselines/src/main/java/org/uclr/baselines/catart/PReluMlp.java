package org.uclr.baselines.catart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.uclr.engine.DenseParameter;
import org.uclr.engine.Linear;
import org.uclr.engine.TrainContext;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Linear layers with a PReLU (He et al., 2015: max(0, x) + a min(0, x), one learnable slope a per
 * channel, initialized to 0.25) between them and none after the last layer.
 */
final class PReluMlp {
    private static final float INITIAL_SLOPE = 0.25f;

    private final List<Linear> layers = new ArrayList<>();
    private final List<DenseParameter> slopes = new ArrayList<>();

    /** @param sizes layer widths including the input, e.g. [256, 640, 384, 128] */
    PReluMlp(TrainContext ctx, int[] sizes, SplittableRandom rng, String name) {
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new Linear(ctx, sizes[i], sizes[i + 1], rng, name + "." + i));
            if (i + 2 < sizes.length) {
                slopes.add(new DenseParameter(name + "." + i + ".prelu",
                        ctx.root().full(new Shape(sizes[i + 1]), INITIAL_SLOPE)));
            }
        }
    }

    NDArray forward(NDArray x) {
        NDArray h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h);
            if (i < slopes.size()) {
                h = prelu(h, slopes.get(i).value());
            }
        }
        return h;
    }

    /** max(0, x) + a min(0, x) = relu(x) - a relu(-x). */
    static NDArray prelu(NDArray x, NDArray slope) {
        return Activation.relu(x).sub(Activation.relu(x.neg()).mul(slope));
    }

    List<DenseParameter> parameters() {
        List<DenseParameter> out = new ArrayList<>();
        layers.forEach(l -> out.addAll(l.parameters()));
        out.addAll(slopes);
        return out;
    }
}
