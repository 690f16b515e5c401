package org.uclr.baselines.catart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.uclr.config.Settings;
import org.uclr.engine.ModelArchive;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.Batches;
import org.uclr.engine.EpochLimits;
import org.uclr.engine.Trainer;
import org.uclr.model.DotProductScoring;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.backbone.BprSettings;
import org.uclr.model.backbone.BprTriples;
import org.uclr.model.backbone.DotProduct;
import org.uclr.model.backbone.MatrixFactorization;

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
 * Each stage's timings and best validation NDCG@10 are in results.json and training.tsv;
 * {@code catart.art.inputs} switches ART's inputs off for ablations.
 */
public class CatArtRecommender extends MultiDomainRecommender implements DotProductScoring {
    /** What {@link #scoreBatch} asks while a stage validates, and after training. */
    private interface Scorer {
        NDArray score(int domain, NDArray users, NDArray items);
    }

    private final List<MatrixFactorization> stage1 = new ArrayList<>();
    private final List<AttentiveTransfer> transfers = new ArrayList<>();
    private Scorer scorer;
    /** CAT's encodings [numUsers, m] that ART reads, or null when ART does not use them. */
    private NDArray codes;

    /** One CAT step's users and the domain masked for each. */
    private record CatBatch(long[] users, int[] masked) {
    }

    @Override
    protected void trainModel() {
        trainStage1();
        ArtInputs inputs = settings.get(CatArtKeys.ART_INPUTS);
        if (inputs.cat()) {
            NDArray stacks = stackedUserEmbeddings();
            codes = trainCat(stacks).encodeAll(stacks, engine.root());
        }
        trainArt(codes, inputs.attention());
        scorer = (d, u, i) -> transfers.get(d).score(u, i);
    }

    private void trainStage1() {
        buildStage1();
        scorer = (d, u, i) -> stage1.get(d).score(u, i);
        for (int d = 0; d < data.numDomains(); d++) {
            record(stage1.get(d).train(BprTriples.of(split.domain(d).train()), validation(d), stage1Label(d)));
        }
    }

    private void buildStage1() {
        BprSettings hp = BprSettings.from(settings, CatArtKeys.STAGE1);
        for (int d = 0; d < data.numDomains(); d++) {
            UserItemMatrix train = split.domain(d).train();
            stage1.add(new MatrixFactorization(engine, data.numUsers(), train.numItems(), hp, stage1Label(d)));
        }
    }

    /** BPRMFRecommender's names, so its random streams and therefore its models are reproduced exactly. */
    private String stage1Label(int d) {
        return "bprmf/" + data.domain(d).name();
    }

    /** [numUsers, N m]: each user's stage-1 embeddings of every domain, side by side. */
    private NDArray stackedUserEmbeddings() {
        NDList tables = new NDList();
        stage1.forEach(mf -> tables.add(mf.users()));
        return NDArrays.concat(tables, 1);
    }

    private ContrastiveAutoencoder trainCat(NDArray stacks) {
        String label = "catart/cat";
        ContrastiveAutoencoder cat = new ContrastiveAutoencoder(engine, data.numDomains(), settings.get(CatArtKeys.FACTORS),
                settings.get(CatArtKeys.CAT_TAU), settings.get(CatArtKeys.CAT_CONTRAST_WEIGHT),
                settings.get(CatArtKeys.CAT_RECON_WEIGHT), label);
        int batchSize = settings.get(CatArtKeys.CAT_BATCH_SIZE);
        SplittableRandom rng = engine.random(label + "/batches");
        scorer = (d, u, i) -> DotProduct.score(cat.decodedDomain(stacks, u, d), stage1.get(d).items(), i);
        record(Trainer.<CatBatch>of(label, engine)
                .epochs(new EpochLimits(settings.get(CatArtKeys.CAT_MAX_EPOCHS), settings.get(CatArtKeys.PATIENCE),
                        CatArtKeys.CAT_MAX_EPOCHS.name()))
                .batches(epoch -> {
                    List<CatBatch> out = new ArrayList<>();
                    for (int[] batch : Batches.shuffled(data.numUsers(), batchSize, rng)) {
                        long[] users = new long[batch.length];
                        for (int b = 0; b < batch.length; b++) {
                            users[b] = batch[b];
                        }
                        out.add(new CatBatch(users, DomainMask.draw(batch.length, data.numDomains(), rng)));
                    }
                    return out;
                })
                .loss((step, b) -> cat.loss(step, stacks, b.users(), b.masked()))
                .optimizer(cat.optimizer(AdamConfig.of(settings.get(CatArtKeys.CAT_LEARN_RATE))))
                .checkpoint(cat.checkpoint())
                .validation(validation())
                .fit());
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
            String label = artLabel(t);
            AttentiveTransfer art = newTransfer(t, codes, attention);
            transfers.add(art);
            int target = t;
            scorer = (d, u, i) -> d == target ? art.score(u, i) : stage1.get(d).score(u, i);
            BprTriples triples = BprTriples.of(split.domain(t).train());
            SplittableRandom rng = engine.random(label + "/batches");
            record(Trainer.<BprTriples.Batch>of(label, engine)
                    .epochs(new EpochLimits(settings.get(CatArtKeys.ART_MAX_EPOCHS), settings.get(CatArtKeys.PATIENCE),
                            CatArtKeys.ART_MAX_EPOCHS.name()))
                    .batches(epoch -> triples.epoch(batchSize, rng))
                    .loss(art::loss)
                    .optimizer(art.optimizer(adam))
                    .checkpoint(art.checkpoint())
                    .validation(validation(t))
                    .fit());
        }
    }

    private String artLabel(int t) {
        return "catart/art/" + data.domain(t).name();
    }

    /** ART for target domain t over the stage-1 tables, with V and G at zero (exactly stage 1 before finetuning). */
    private AttentiveTransfer newTransfer(int t, NDArray codes, boolean attention) {
        List<NDArray> sources = new ArrayList<>();
        for (int s = 0; s < data.numDomains(); s++) {
            if (s != t && attention) {
                sources.add(stage1.get(s).users());
            }
        }
        return new AttentiveTransfer(engine, stage1.get(t).users(), stage1.get(t).items(), sources, codes,
                settings.get(CatArtKeys.LAMBDA), settings.get(CatArtKeys.ART_TUNE_EMBEDDINGS), artLabel(t));
    }

    /** Stage 1's tables (ART attends over the frozen user tables), CAT's codes, and every ART. */
    @Override
    protected void saveTrained(ModelArchive out) {
        for (int d = 0; d < data.numDomains(); d++) {
            stage1.get(d).save(out, stage1Label(d));
        }
        if (codes != null) {
            out.put("catart/cat/codes", codes);
        }
        for (int t = 0; t < data.numDomains(); t++) {
            transfers.get(t).save(out, artLabel(t));
        }
    }

    @Override
    protected void loadTrained(ModelArchive in) {
        buildStage1();
        for (int d = 0; d < data.numDomains(); d++) {
            stage1.get(d).load(in, stage1Label(d));
        }
        ArtInputs inputs = settings.get(CatArtKeys.ART_INPUTS);
        codes = inputs.cat() ? in.array("catart/cat/codes", engine.root()) : null;
        for (int t = 0; t < data.numDomains(); t++) {
            AttentiveTransfer art = newTransfer(t, codes, inputs.attention());
            art.load(in, artLabel(t));
            transfers.add(art);
        }
        scorer = (d, u, i) -> transfers.get(d).score(u, i);
    }

    @Override
    protected NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items) {
        return scorer.score(domain, users, items);
    }

    /** ART's h_u of the domain (the scorer after training). */
    @Override
    public NDArray userVectors(NDManager step, int domain, NDArray users) {
        return transfers.get(domain).userVectors(users);
    }

    @Override
    public NDArray itemVectors(NDManager step, int domain) {
        return transfers.get(domain).itemVectors();
    }

    @Override
    public List<String> keyNamespaces(Settings settings) {
        return List.of("catart.");
    }
}
