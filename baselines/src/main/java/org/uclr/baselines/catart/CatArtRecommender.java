package org.uclr.baselines.catart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.uclr.baselines.training.Checkpoint;
import org.uclr.baselines.training.EarlyStoppedTraining;
import org.uclr.baselines.training.TrainingSummary;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.Batches;
import org.uclr.engine.EarlyStopping;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.bprmf.BprHyperParameters;
import org.uclr.model.bprmf.BprTriples;
import org.uclr.model.bprmf.DotProduct;
import org.uclr.model.bprmf.MatrixFactorization;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A CAT-ART-style cross-domain model (Li et al., WSDM 2023, "One for all, all for one"), in three
 * stages, each early-stopped on validation NDCG@10:
 * <ol>
 *   <li>per-domain BPRMF user and item embeddings (exactly the per-domain BPRMF baseline when the
 *       catart.* stage-1 keys equal the bprmf.* ones: same random streams);</li>
 *   <li>CAT, a contrastive autoencoder over each user's stacked domain embeddings; validated by scoring
 *       each domain with the decoded user embedding;</li>
 *   <li>ART per target domain: the user's target embedding plus attention over the other domains'
 *       embeddings plus a map of the frozen CAT encoding, BPR-finetuned on that domain.</li>
 * </ol>
 * Stage timings and each stage's best validation NDCG@10 are in results.json and training.tsv;
 * {@code catart.art.inputs} switches ART's inputs off for ablations.
 */
public class CatArtRecommender extends MultiDomainRecommender {
    /** What {@link #scoreBatch} asks while a stage validates, and after training. */
    private interface Scorer {
        NDArray score(int domain, NDArray users, NDArray items);
    }

    private final TrainingSummary summary = new TrainingSummary();
    private final List<MatrixFactorization> stage1 = new ArrayList<>();
    private final List<AttentiveTransfer> transfers = new ArrayList<>();
    private Scorer scorer;

    @Override
    protected void trainModel() {
        trainStage1();
        ArtInputs inputs = settings.get(CatArtKeys.ART_INPUTS);
        NDArray codes = null;
        if (inputs.cat()) {
            NDArray stacks = stackedUserEmbeddings();
            codes = trainCat(stacks).encodeAll(stacks, engine.root());
        }
        trainArt(codes, inputs.attention());
        scorer = (d, u, i) -> transfers.get(d).score(u, i);
        addOutput(TrainingSummary.FILE_NAME, summary.tsv());
    }

    private void trainStage1() {
        BprHyperParameters hp = new BprHyperParameters(settings.get(CatArtKeys.FACTORS),
                settings.get(CatArtKeys.BATCH_SIZE), settings.get(CatArtKeys.LEARN_RATE), settings.get(CatArtKeys.LAMBDA),
                settings.get(CatArtKeys.INIT_STD), settings.get(CatArtKeys.MAX_EPOCHS), settings.get(CatArtKeys.PATIENCE));
        scorer = (d, u, i) -> stage1.get(d).score(u, i);
        for (int d = 0; d < data.numDomains(); d++) {
            long t0 = System.nanoTime();
            String name = data.domain(d).name();
            // BPRMFRecommender's names, so its random streams and therefore its models are reproduced exactly
            String label = "bprmf/" + name;
            UserItemMatrix train = split.domain(d).train();
            MatrixFactorization mf = new MatrixFactorization(engine, data.numUsers(), train.numItems(), hp, label);
            stage1.add(mf);
            int domain = d;
            EarlyStopping stopping = mf.train(BprTriples.of(train), () -> validationNdcg10(domain), label);
            double seconds = (System.nanoTime() - t0) / 1e9;
            recordStage("bprmf:" + name, seconds);
            int epochs = Math.min(hp.maxEpochs(), stopping.bestEpoch() + hp.patience());
            summary.add("catart/bprmf/" + name, new EarlyStoppedTraining.Outcome(stopping.bestEpoch(), stopping.best(),
                    epochs, seconds / Math.max(1, epochs)));
        }
    }

    /** [numUsers, N m]: each user's stage-1 embeddings of every domain, side by side. */
    private NDArray stackedUserEmbeddings() {
        NDList tables = new NDList();
        stage1.forEach(mf -> tables.add(mf.userTable()));
        return NDArrays.concat(tables, 1);
    }

    private ContrastiveAutoencoder trainCat(NDArray stacks) {
        long t0 = System.nanoTime();
        String label = "catart/cat";
        ContrastiveAutoencoder cat = new ContrastiveAutoencoder(engine, data.numDomains(), settings.get(CatArtKeys.FACTORS),
                settings.get(CatArtKeys.CAT_TAU), settings.get(CatArtKeys.CAT_CONTRAST_WEIGHT),
                settings.get(CatArtKeys.CAT_RECON_WEIGHT), AdamConfig.of(settings.get(CatArtKeys.CAT_LEARN_RATE)), label);
        int batchSize = settings.get(CatArtKeys.CAT_BATCH_SIZE);
        SplittableRandom rng = engine.random(label + "/batches");
        scorer = (d, u, i) -> DotProduct.score(cat.decodedDomain(stacks, u, d), stage1.get(d).itemTable(), i);
        Checkpoint checkpoint = cat.checkpoint();
        EarlyStoppedTraining.Outcome outcome = EarlyStoppedTraining.run(label, settings.get(CatArtKeys.CAT_MAX_EPOCHS),
                settings.get(CatArtKeys.PATIENCE), epoch -> {
                    double sum = 0;
                    List<int[]> batches = Batches.shuffled(data.numUsers(), batchSize, rng);
                    for (int[] batch : batches) {
                        long[] users = new long[batch.length];
                        for (int b = 0; b < batch.length; b++) {
                            users[b] = batch[b];
                        }
                        sum += cat.step(stacks, users, DomainMask.draw(batch.length, data.numDomains(), rng));
                    }
                    return sum / Math.max(1, batches.size());
                }, this::validationNdcg10, checkpoint);
        summary.add(label, outcome);
        recordStage("cat", (System.nanoTime() - t0) / 1e9);
        return cat;
    }

    /**
     * @param codes     CAT encodings [numUsers, m], or null when ART does not use them
     * @param attention whether ART attends over the other domains' embeddings
     */
    private void trainArt(NDArray codes, boolean attention) {
        AdamConfig adam = AdamConfig.of(settings.get(CatArtKeys.ART_LEARN_RATE));
        int batchSize = settings.get(CatArtKeys.BATCH_SIZE);
        for (int t = 0; t < data.numDomains(); t++) {
            long t0 = System.nanoTime();
            String name = data.domain(t).name();
            String label = "catart/art/" + name;
            List<NDArray> sources = new ArrayList<>();
            for (int s = 0; s < data.numDomains(); s++) {
                if (s != t && attention) {
                    sources.add(stage1.get(s).userTable());
                }
            }
            AttentiveTransfer art = new AttentiveTransfer(engine, stage1.get(t).userTable(), stage1.get(t).itemTable(),
                    sources, codes, settings.get(CatArtKeys.LAMBDA), settings.get(CatArtKeys.ART_TUNE_EMBEDDINGS), adam,
                    label);
            transfers.add(art);
            int target = t;
            scorer = (d, u, i) -> d == target ? art.score(u, i) : stage1.get(d).score(u, i);
            BprTriples triples = BprTriples.of(split.domain(t).train());
            SplittableRandom rng = engine.random(label + "/batches");
            EarlyStoppedTraining.Outcome outcome = EarlyStoppedTraining.run(label,
                    settings.get(CatArtKeys.ART_MAX_EPOCHS), settings.get(CatArtKeys.PATIENCE), epoch -> {
                        double sum = 0;
                        List<BprTriples.Batch> batches = triples.epoch(batchSize, rng);
                        for (BprTriples.Batch b : batches) {
                            sum += art.step(b);
                        }
                        return sum / Math.max(1, batches.size());
                    }, () -> validationNdcg10(target), art.checkpoint());
            summary.add(label, outcome);
            recordStage("art:" + name, (System.nanoTime() - t0) / 1e9);
        }
    }

    @Override
    protected NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items) {
        return scorer.score(domain, users, items);
    }

    @Override
    public List<String> keyNamespaces() {
        return List.of("catart.");
    }
}
