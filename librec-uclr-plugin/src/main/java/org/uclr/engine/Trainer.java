package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The one early-stopped training loop every model and stage goes through (after RecBole's
 * {@code Trainer.fit}): the starting point is a candidate (epoch 0), then each epoch trains on its
 * batches (gradient collection, backward pass and optimizer step happen here, once), validates, and
 * keeps the best parameters; training stops after {@code patience} epochs without improvement or at the
 * cap, and the best parameters are restored.
 *
 * <p>Selection is joint (one best over the mean validation NDCG@10 of the served domains) or per domain
 * ({@link #perDomainBest()}: each domain keeps the parameters of its own best epoch, training stops
 * when no domain improves; the shared parameters end at the best mean). The starting point is either
 * validated as epoch 0, or ({@link #startingFrom}) given by the values the previous stage left. In the
 * second case patience counts the stage's own epochs only (a stage that needs a few epochs to reach the
 * previous stage is not cut short), and a domain (or, jointly, the mean) that the stage never beats
 * keeps the starting point (epoch 0), so no stage makes a domain worse on validation.
 *
 * <p>Without validation users in any served domain the stage trains to its cap, keeps the last epoch and
 * warns ({@link StopReason#NO_VALIDATION}); ending at the cap while still improving warns and names the
 * key to raise ({@link StopReason#CAP}).
 *
 * @param <B> the batch type
 */
public final class Trainer<B> {
    private static final Logger LOG = LogManager.getLogger(Trainer.class);

    private final String label;
    private final TrainContext engine;
    private EpochLimits limits;
    private IntFunction<List<B>> batches;
    private BatchLoss<B> loss;
    private AdamOptimizer optimizer;
    private Checkpoint checkpoint;
    private Validation validation;
    private boolean perDomain;
    private double[] startingPoint;
    private boolean keepLast;

    private Trainer(String label, TrainContext engine) {
        this.label = label;
        this.engine = engine;
    }

    /** A stage named {@code label} (log lines, training.tsv) trained on {@code engine}. */
    public static <B> Trainer<B> of(String label, TrainContext engine) {
        return new Trainer<>(label, engine);
    }

    public Trainer<B> epochs(EpochLimits epochLimits) {
        this.limits = epochLimits;
        return this;
    }

    /** The batches of epoch e (1-based), e.g. shuffled with fresh negatives from the stage's own random stream. */
    public Trainer<B> batches(IntFunction<List<B>> epochBatches) {
        this.batches = epochBatches;
        return this;
    }

    public Trainer<B> loss(BatchLoss<B> batchLoss) {
        this.loss = batchLoss;
        return this;
    }

    public Trainer<B> optimizer(AdamOptimizer adam) {
        this.optimizer = adam;
        return this;
    }

    /** The parameters to keep from the best epoch (usually those the optimizer trains, plus any other state). */
    public Trainer<B> checkpoint(Checkpoint parameters) {
        this.checkpoint = parameters;
        return this;
    }

    public Trainer<B> validation(Validation signal) {
        this.validation = signal;
        return this;
    }

    /** Each served domain keeps the parameters of its own best epoch. */
    public Trainer<B> perDomainBest() {
        this.perDomain = true;
        return this;
    }

    /**
     * A stage that selects nothing on validation (node2vec, whose authors train fixed passes, and whose
     * dot-product validation on a sparse graph can favour the random start): it trains every epoch of its
     * cap and keeps the last; validation is still computed and logged each epoch, and the outcome's stop
     * reason is {@link StopReason#FIXED}.
     */
    public Trainer<B> keepLastEpoch() {
        keepLast = true;
        return this;
    }

    /**
     * The epoch-0 candidate's validation per served domain, as the previous stage left it (NaN for a
     * domain without validation users); the starting point is then not validated again.
     */
    public Trainer<B> startingFrom(double[] previousValidation) {
        this.startingPoint = previousValidation.clone();
        return this;
    }

    /**
     * Trains and restores; see the class comment. Then (also when training throws) the optimizer is released
     * ({@link AdamOptimizer#release()}): its parameters are frozen and their Adam moments freed.
     */
    public TrainingOutcome fit() {
        Objects.requireNonNull(optimizer, "optimizer");
        try {
            return trainAndRestore();
        } finally {
            optimizer.release();
        }
    }

    private TrainingOutcome trainAndRestore() {
        Objects.requireNonNull(limits, "epochs");
        Objects.requireNonNull(batches, "batches");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(validation, "validation");
        List<String> domains = validation.domains();
        int n = domains.size();
        if (startingPoint != null && startingPoint.length != n) {
            throw new IllegalArgumentException("startingFrom has " + startingPoint.length + " values for " + n + " domains");
        }
        boolean[] has = new boolean[n];
        boolean validated = false;
        for (int k = 0; k < n; k++) {
            has[k] = validation.hasUsers(k);
            validated |= has[k];
        }
        boolean select = validated && !keepLast;
        if (!validated && !keepLast) {
            LOG.warn("[{}] no validation users in {}: training all {} epochs ({}) and keeping the last; "
                    + "results.json records validation: none", label, String.join(", ", domains), limits.maxEpochs(),
                    limits.capKey());
        }

        TrainingProgress progress = new TrainingProgress(label, limits.maxEpochs());
        // the stage's own bests decide when to stop; the kept parameters are the better of those and the start
        EarlyStopping joint = new EarlyStopping(limits.patience());
        EarlyStopping[] own = new EarlyStopping[n];
        for (int k = 0; k < n; k++) {
            own[k] = new EarlyStopping(limits.patience());
        }
        // the start stays a candidate to the end only when the caller gave its validation (startingFrom); else it is
        // epoch 0 of the selection, dropped once an epoch beats it: a copy of every table (HeroGraph, Douban: 100 MB)
        Checkpoint.State jointState = select ? checkpoint.save() : null;
        Checkpoint.State initial = startingPoint != null ? jointState : null;
        Checkpoint.State[] ownState = new Checkpoint.State[n];
        Arrays.fill(ownState, jointState);
        double[] jointValues;

        long validationNanos = 0;
        long t = System.nanoTime();
        double[] start = startingPoint != null ? startingPoint.clone() : validate(has);
        validationNanos += System.nanoTime() - t;
        jointValues = start.clone();
        if (select && startingPoint == null) {
            joint.record(0, mean(start, has));
            for (int k = 0; k < n; k++) {
                if (has[k]) {
                    own[k].record(0, start[k]);
                }
            }
        }

        long trainNanos = 0;
        int epochs = 0;
        boolean stopped = false;
        double[] values = start;
        for (int epoch = 1; epoch <= limits.maxEpochs() && !stopped; epoch++) {
            long t0 = System.nanoTime();
            double lossSum = 0;
            List<B> epochBatches = batches.apply(epoch);
            int done = 0;
            for (B batch : epochBatches) {
                lossSum += step(batch);
                progress.step(epoch, ++done, epochBatches.size());
            }
            double meanLoss = lossSum / Math.max(1, epochBatches.size());
            trainNanos += System.nanoTime() - t0;
            epochs = epoch;
            if (!Double.isFinite(meanLoss)) {
                throw new UclrException("[" + label + "] the training loss is " + meanLoss + " at epoch " + epoch
                        + "; lower the learning rate");
            }
            long t1 = System.nanoTime();
            values = validate(has);
            MallocTrim.trim();
            validationNanos += System.nanoTime() - t1;
            if (!select) {
                progress.epoch(epoch, meanLoss, validated ? mean(values, has) : Double.NaN, Double.NaN, -1, domains, values);
                continue;
            }
            Checkpoint.State saved = null;
            if (joint.record(epoch, mean(values, has))) {
                saved = checkpoint.save();
                jointState = saved;
                jointValues = values.clone();
            }
            boolean allStopped = true;
            for (int k = 0; k < n; k++) {
                if (!has[k]) {
                    continue;
                }
                if (own[k].record(epoch, values[k]) && perDomain) {
                    saved = saved != null ? saved : checkpoint.save();
                    ownState[k] = saved;
                }
                allStopped &= own[k].shouldStop();
            }
            stopped = perDomain ? allStopped : joint.shouldStop();
            progress.epoch(epoch, meanLoss, mean(values, has), joint.best(), joint.bestEpoch(), domains, values);
        }

        StopReason reason = keepLast ? StopReason.FIXED : !validated ? StopReason.NO_VALIDATION
                : stopped ? StopReason.PATIENCE : StopReason.CAP;
        int bestEpoch = -1;
        double bestValue = Double.NaN;
        int[] domainEpoch = new int[n];
        double[] domainValue = new double[n];
        Checkpoint.State[] domainState = new Checkpoint.State[n];
        Checkpoint.State[] ownBest = new Checkpoint.State[n];
        if (select) {
            double startMean = mean(start, has);
            boolean keepStart = startingPoint != null && startMean >= joint.best();
            bestEpoch = keepStart ? 0 : joint.bestEpoch();
            bestValue = keepStart ? startMean : joint.best();
            Checkpoint.State kept = keepStart ? initial : jointState;
            checkpoint.restore(kept);
            for (int k = 0; k < n; k++) {
                ownBest[k] = perDomain && has[k] ? ownState[k] : jointState;
                if (perDomain && has[k]) {
                    boolean keepOwnStart = startingPoint != null && start[k] >= own[k].best();
                    domainEpoch[k] = keepOwnStart ? 0 : own[k].bestEpoch();
                    domainValue[k] = keepOwnStart ? start[k] : own[k].best();
                    domainState[k] = keepOwnStart ? initial : ownState[k];
                } else {
                    domainEpoch[k] = bestEpoch;
                    domainValue[k] = !has[k] ? Double.NaN : keepStart ? start[k] : jointValues[k];
                    domainState[k] = kept;
                }
            }
        } else {
            Checkpoint.State last = checkpoint.save();
            Arrays.fill(domainState, last);
            Arrays.fill(ownBest, last);
            Arrays.fill(domainEpoch, epochs);
            for (int k = 0; k < n; k++) {
                domainValue[k] = has[k] && keepLast ? values[k] : Double.NaN;
            }
            if (keepLast) {
                bestEpoch = epochs;
                bestValue = validated ? mean(values, has) : Double.NaN;
            }
        }
        if (reason == StopReason.CAP && bestEpoch == 0) {
            LOG.warn("[{}] stopped at its epoch cap {} with its own best epoch ({}, validation NDCG@10 {}) within its "
                    + "patience ({}) of the cap but still below where it started ({}), which it keeps: raise {} to see "
                    + "whether it catches up", label, limits.maxEpochs(), joint.bestEpoch(), fmt(joint.best()),
                    limits.patience(), fmt(bestValue), limits.capKey());
        } else if (reason == StopReason.CAP) {
            LOG.warn("[{}] stopped at its epoch cap {} with its best epoch ({}) within its patience ({}) of the cap, "
                    + "so validation may still improve: raise {}", label, limits.maxEpochs(), joint.bestEpoch(),
                    limits.patience(), limits.capKey());
        }
        TrainingOutcome outcome = new TrainingOutcome(label, domains, perDomain, epochs, bestEpoch, bestValue,
                domainEpoch, domainValue, List.of(domainState), List.of(ownBest), reason, trainNanos / 1e9,
                validationNanos / 1e9);
        LOG.info(summary(outcome));
        return outcome;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    /** One optimizer step on a batch, with everything the step created released; returns the loss. */
    private double step(B batch) {
        try (NDManager step = engine.newStep(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            float value;
            try (GradientCollector gc = engine.gradients()) {
                NDArray l = loss.loss(step, batch);
                gc.backward(l);
                value = l.getFloat();
            }
            optimizer.step();
            return value;
        } catch (RuntimeException e) {
            optimizer.discard();
            throw e;
        }
    }

    private double[] validate(boolean[] has) {
        double[] out = new double[has.length];
        for (int k = 0; k < has.length; k++) {
            out[k] = has[k] ? validation.ndcg10(k) : Double.NaN;
        }
        return out;
    }

    private static double mean(double[] values, boolean[] has) {
        double sum = 0;
        int count = 0;
        for (int k = 0; k < values.length; k++) {
            if (has[k]) {
                sum += values[k];
                count++;
            }
        }
        return sum / count;
    }

    private static String summary(TrainingOutcome o) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "[%s] stopped after %d epochs (%s)", o.label(),
                o.epochs(), o.stoppedBy().label()));
        if (o.stoppedBy() != StopReason.NO_VALIDATION) {
            sb.append(String.format(Locale.ROOT, "; best val NDCG@10 %.4f at epoch %d", o.bestValidation(), o.bestEpoch()));
            if (o.perDomain()) {
                for (int k = 0; k < o.domains().size(); k++) {
                    sb.append(String.format(Locale.ROOT, "; %s %.4f at epoch %d", o.domains().get(k),
                            o.domainValidation()[k], o.domainBestEpoch()[k]));
                }
            }
        }
        sb.append(String.format(Locale.ROOT, "; %.2f s training and %.2f s validation per epoch",
                o.trainSecondsPerEpoch(), o.validationSecondsPerEpoch()));
        return sb.toString();
    }
}
