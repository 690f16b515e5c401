package org.uclr.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code librec rec ...} as a user runs it: a table and results.json, or one line saying what is wrong. */
class MainTest {
    @TempDir
    Path dir;
    private Path conf;

    /** Two tiny domains as TSV files; only the error cases use them, so they need not be trainable. */
    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("books.tsv"), "user\titem\trating\n1\tb1\t5\n2\tb2\t4\n3\tb1\t3\n");
        Files.writeString(dir.resolve("music.tsv"), "user\titem\trating\n1\tm1\t5\n2\tm1\t4\n3\tm2\t2\n");
        conf = dir.resolve("job.properties");
        Files.writeString(conf, String.join("\n",
                "# a tiny synthetic job",
                "rec.recommender.class=org.uclr.model.bprmf.BPRMFRecommender",
                "rec.device=cpu",
                "data.source=synthetic",
                "data.synthetic.scale=0.05",
                "bprmf.factors=16",
                "bprmf.learn.rate=0.01",
                "bprmf.epochs.max=3",
                "data.split.dir=" + dir.resolve("splits"),
                "rec.output.dir=" + dir.resolve("out"),
                ""));
    }

    /** Exit code, stdout, stderr of one command. */
    private record Outcome(int exit, String out, String err) {
    }

    private Outcome run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
    }

    private String[] rec(String... overrides) {
        List<String> args = new ArrayList<>(List.of("rec", "-conf", conf.toString()));
        for (String o : overrides) {
            args.add("-D");
            args.add(o.replace("$DIR", dir.toString()));
        }
        return args.toArray(String[]::new);
    }

    private List<Path> allFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aTinyJobPrintsTheTableAndWritesResultsJson() throws IOException {
        Outcome o = run(rec("rec.eval.dump=true"));
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("bprmf on synthetic-small-x0.05 (synthetic), seed 1"), o.out());
        for (String row : List.of("books", "movies", "music", "macro-avg")) {
            assertTrue(o.out().lines().anyMatch(l -> l.startsWith(row)), row + " row in\n" + o.out());
        }
        assertTrue(o.out().contains("NDCG@10"));
        assertTrue(Files.exists(dir.resolve("out/results.json")));
        assertTrue(Files.exists(dir.resolve("out/candidates.tsv")));
        assertEquals("", o.err());
    }

    @Test
    void theConfigurationIsAlsoFoundUnderConfOfTheHome() {
        String home = System.getProperty("uclr.home");
        try {
            System.setProperty("uclr.home", dir.getParent().toString());
            Outcome o = run("rec", "-conf", "no-such-job.properties");
            assertEquals(2, o.exit());
            assertTrue(o.err().startsWith("error: configuration file not found: no-such-job.properties (looked in: "), o.err());
            assertTrue(o.err().contains(dir.getParent().resolve("conf").resolve("no-such-job.properties").toString()), o.err());
            // run from the home itself, conf/x and <home>/conf/x are one place, listed once
            System.setProperty("uclr.home", Path.of("").toAbsolutePath().toString());
            String looked = run("rec", "-conf", "no-such-job.properties").err().replaceFirst("(?s).*looked in: ", "")
                    .replaceFirst("\\)\\s*$", "");
            List<String> places = List.of(looked.split(", "));
            assertEquals(places.stream().distinct().count(), places.size(), looked);
            assertEquals(2, places.size(), looked);
        } finally {
            if (home == null) {
                System.clearProperty("uclr.home");
            } else {
                System.setProperty("uclr.home", home);
            }
        }
    }

    /** A bad input: the -D overrides (or a replacement line for the file), and what the error must say. */
    record Bad(String what, List<String> overrides, String error) {
        Bad(String what, String error, String... overrides) {
            this(what, Arrays.asList(overrides), error);
        }

        @Override
        public String toString() {
            return what;
        }
    }

    static final String FILES = "data.source=files";
    static final String DOMAINS = "data.domains=books,music";
    static final String BOOKS = "data.domain.books.path=$DIR/books.tsv";
    static final String MUSIC = "data.domain.music.path=$DIR/music.tsv";

    static Stream<Bad> badInputs() {
        return Stream.of(
                new Bad("missing data file", "error: data file not found: $DIR/nope.tsv",
                        FILES, DOMAINS, BOOKS, "data.domain.music.path=$DIR/nope.tsv"),
                new Bad("data path is a directory", "error: data file is not a readable file: $DIR",
                        FILES, DOMAINS, BOOKS, "data.domain.music.path=$DIR"),
                new Bad("malformed line", "error: $DIR/bad.tsv:3: expected 3 tab-separated fields (user, item, rating), found 2",
                        FILES, DOMAINS, BOOKS, "data.domain.music.path=$DIR/bad.tsv"),
                new Bad("non-numeric rating", "error: $DIR/rating.tsv:2: rating 'x' is not a number",
                        FILES, DOMAINS, BOOKS, "data.domain.music.path=$DIR/rating.tsv"),
                new Bad("data file in Latin-1 (issue 10)", "error: $DIR/latin1.tsv:2: not valid UTF-8 (byte 0xE9 at byte 6 of the line",
                        FILES, DOMAINS, BOOKS, "data.domain.music.path=$DIR/latin1.tsv"),
                new Bad("no-break space after an id", "error: $DIR/nbsp.tsv:2: item id 'm1<U+00A0>' contains U+00A0 (a no-break space)",
                        FILES, DOMAINS, BOOKS, "data.domain.music.path=$DIR/nbsp.tsv"),
                new Bad("empty domain", "error: $DIR/header.tsv: no interactions after the header (empty domain)",
                        FILES, DOMAINS, BOOKS, "data.domain.music.path=$DIR/header.tsv"),
                new Bad("domain listed twice", "error: data.domains=books,books names a domain twice",
                        FILES, "data.domains=books,books", BOOKS),
                new Bad("listed domain without a path", "error: missing required key 'data.domain.movies.path'",
                        FILES, "data.domains=books,movies", BOOKS),
                new Bad("no user in both domains", "error: no user is present in every domain [books, music]",
                        FILES, DOMAINS, BOOKS, "data.domain.music.path=$DIR/strangers.tsv"),
                new Bad("unknown model key", "error: -D: unknown key 'bprmf.learnrate'; did you mean 'bprmf.learn.rate'?",
                        "bprmf.learnrate=0.1"),
                new Bad("unknown data key", "error: -D: unknown key 'data.domain.books.file'; did you mean 'data.domain.books.path'?",
                        "data.domain.books.file=x"),
                new Bad("unknown job key", "error: -D: unknown key 'rec.eval.dumps'; did you mean 'rec.eval.dump'?",
                        "rec.eval.dumps=true"),
                new Bad("out-of-range integer", "error: -D: bprmf.factors=0 is out of range: expected an integer in [1, 4096]",
                        "bprmf.factors=0"),
                new Bad("out-of-range number", "error: -D: data.synthetic.scale=2 is out of range: expected a number in [1.0E-6, 1.0]",
                        "data.synthetic.scale=2"),
                new Bad("not a number", "error: -D: bprmf.learn.rate=fast is not a number in [1.0E-8, 10.0]",
                        "bprmf.learn.rate=fast"),
                new Bad("unknown enum value", "error: -D: data.source=database is not one of files|synthetic",
                        "data.source=database"),
                new Bad("more negatives than items", "error: domain 'books' has 200 items; ranking 1 positive against 500 negatives needs at least 501",
                        "data.eval.negatives=500"),
                new Bad("unknown recommender", "error: rec.recommender.class=nosuch is not a known recommender; known: ",
                        "rec.recommender.class=nosuch"),
                new Bad("mistyped recommender alias", "error: rec.recommender.class=uclrr is not a known recommender; "
                        + "did you mean 'uclr'; known: ", "rec.recommender.class=uclrr"),
                new Bad("abstract recommender", "error: rec.recommender.class=org.uclr.model.MultiDomainRecommender is abstract",
                        "rec.recommender.class=org.uclr.model.MultiDomainRecommender"),
                new Bad("output directory is a file", "error: output directory $DIR/books.tsv/run: $DIR/books.tsv is a file",
                        "rec.output.dir=$DIR/books.tsv/run"),
                new Bad("override without a value", "error: -D bprmf.factors: expected key=value", "bprmf.factors"),
                new Bad("temperature clip range inverted (issue 10)", "error: uclr.tau.min=0.5 (-D) is above uclr.tau.max=0.1 (-D): "
                        + "the temperature is clipped to [uclr.tau.min, uclr.tau.max]", "rec.recommender.class=uclr", "uclr.tau.min=0.5",
                        "uclr.tau.max=0.1"),
                new Bad("domain files while the file says synthetic", "error: data.domains=books,music (-D) is given but "
                        + "data.source=synthetic ($DIR/job.properties:4) would train on generated data instead; set data.source=files",
                        DOMAINS, BOOKS, MUSIC),
                new Bad("cutoff not below the candidates", "error: rec.eval.topn=10,20 (default) has a cutoff K above "
                        + "data.eval.negatives=9 (-D)", "data.eval.negatives=9"),
                new Bad("LibRec's rating mode", "error: rec.recommender.isranking=false (-D): this project only ranks",
                        "rec.recommender.isranking=false"),
                new Bad("LibRec's RMSE evaluator class (issue 10)", "error: -D: rec.eval.classes: "
                        + "'net.librec.eval.rating.RMSEEvaluator' is a rating-prediction metric: this project ranks implicit "
                        + "feedback", "rec.eval.classes=net.librec.eval.rating.RMSEEvaluator"),
                new Bad("LibRec's alias mae", "error: -D: rec.eval.classes: 'mae' (net.librec.eval.rating.MAEEvaluator) is a "
                        + "rating-prediction metric", "rec.eval.classes=ndcg,mae"),
                new Bad("model prefix mistyped", "error: -D: unknown key 'bpmrf.factors'; did you mean 'bprmf.factors'?",
                        "bpmrf.factors=8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void aBadInputIsOneLineNamingWhereWithExitTwoAndNoPartialOutput(Bad bad) throws IOException {
        Files.writeString(dir.resolve("bad.tsv"), "user\titem\trating\n1\tm1\t5\n2\tm1\n");
        Files.writeString(dir.resolve("rating.tsv"), "user\titem\trating\n1\tm1\tx\n");
        Files.writeString(dir.resolve("header.tsv"), "user\titem\trating\n");
        Files.writeString(dir.resolve("strangers.tsv"), "user\titem\trating\n7\tm1\t5\n");
        // two items that differ only in one Latin-1 byte (a38\xe9, a38\xe8): never merged into one
        Files.write(dir.resolve("latin1.tsv"), new byte[]{'u', 's', 'e', 'r', '\t', 'i', 't', 'e', 'm', '\t', 'r', 'a', 't',
                'i', 'n', 'g', '\n', '1', '\t', 'a', '3', '8', (byte) 0xE9, '\t', '5', '\n', '2', '\t', 'a', '3', '8', (byte) 0xE8,
                '\t', '4', '\n'});
        Files.writeString(dir.resolve("nbsp.tsv"), "user\titem\trating\n1\tm1\u00a0\t5\n2\tm1\t4\n");
        List<Path> before = allFiles();

        Outcome o = run(rec(bad.overrides().toArray(String[]::new)));

        assertEquals(2, o.exit(), o.err());
        List<String> lines = o.err().lines().toList();
        assertEquals(1, lines.size(), "one line:\n" + o.err());
        String expected = bad.error().replace("$DIR", dir.toString());
        assertTrue(lines.get(0).startsWith(expected), "expected: " + expected + "\n     got: " + lines.get(0));
        // nothing written: no results, no split, no temporary
        List<Path> after = new ArrayList<>(allFiles());
        after.removeIf(p -> p.getParent().getFileName().toString().startsWith("synthetic-small")
                && p.getFileName().toString().matches("seed-1-neg99\\.bin\\.gz"));
        assertEquals(before, after);
        assertEquals("", o.out());
    }

    @Test
    void aMalformedConfigurationLineIsNamedByFileAndLine() throws IOException {
        Files.writeString(conf, Files.readString(conf) + "bprmf.lambda=\\u00zz\n");
        Outcome o = run("rec", "-conf", conf.toString());
        assertEquals(2, o.exit());
        assertTrue(o.err().startsWith("error: " + conf + ":11: malformed line"), o.err());
    }

    @Test
    void anUnknownKeyInTheFileIsNamedByFileAndLine() throws IOException {
        Files.writeString(conf, Files.readString(conf) + "bprmf.learnrate=0.1\n");
        Outcome o = run("rec", "-conf", conf.toString());
        assertEquals(2, o.exit());
        assertEquals("error: " + conf + ":11: unknown key 'bprmf.learnrate'; did you mean 'bprmf.learn.rate'?",
                o.err().strip());
        assertTrue(allFiles().stream().noneMatch(p -> p.getFileName().toString().equals("results.json")));
    }

    /** Exit status 2, one line starting with {@code expected}, nothing on stdout and no results.json anywhere. */
    private void assertRejected(Outcome o, String expected) throws IOException {
        assertEquals(2, o.exit(), o.err());
        List<String> lines = o.err().lines().toList();
        assertEquals(1, lines.size(), "one line:\n" + o.err());
        assertTrue(lines.get(0).startsWith(expected), "expected: " + expected + "\n     got: " + lines.get(0));
        assertEquals("", o.out());
        assertTrue(allFiles().stream().noneMatch(p -> p.getFileName().toString().equals("results.json")), "no results.json");
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Issue 10: the first key after a byte order mark was ignored; now it is read (and here, range-checked). */
    @Test
    void theFirstKeyAfterAByteOrderMarkIsRead() throws IOException {
        Files.write(conf, concat(BOM, "bprmf.batch.size=0\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(conf)));
        assertRejected(run("rec", "-conf", conf.toString()),
                "error: " + conf + ":1: bprmf.batch.size=0 is out of range: expected an integer in [1, 1048576]");
    }

    @Test
    void aConfigurationFileThatIsNotUtf8IsAnErrorAtItsLine() throws IOException {
        Files.write(conf, concat(Files.readAllBytes(conf), "data.name=caf".getBytes(StandardCharsets.UTF_8),
                new byte[]{(byte) 0xE9, '\n'}));
        assertRejected(run("rec", "-conf", conf.toString()), "error: " + conf + ":11: not valid UTF-8 (byte 0xE9 at byte 14");
    }

    @Test
    void aKeySetTwiceInTheFileIsAnError() throws IOException {
        Files.writeString(conf, Files.readString(conf) + "bprmf.epochs.max=300\n");
        assertRejected(run("rec", "-conf", conf.toString()),
                "error: " + conf + ":11: bprmf.epochs.max is set a second time (first at " + conf + ":8); set each key once");
    }

    @Test
    void aWindowsPathIsAnErrorNotSilentlyStrippedOfItsBackslashes() throws IOException {
        Files.writeString(conf, Files.readString(conf) + "data.name=C:\\data\\books\n");
        assertRejected(run("rec", "-conf", conf.toString()), "error: " + conf + ":11: '\\d' in 'data.name=C:\\data\\books' is not an escape");
    }

    /** Issue 10: an unwritable output directory failed only after the whole training, without a reason. */
    @Test
    void anOutputDirectoryThatCannotBeCreatedFailsBeforeLoadingWithTheSystemsReason() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        assertRejected(run(rec("rec.output.dir=/proc/x")),
                "error: output directory /proc/x: cannot create /proc/x: No such file or directory (set rec.output.dir)");
        assertFalse(Files.exists(dir.resolve("splits")), "failed before the data were loaded and split");
    }

    @Test
    void aSplitDirectoryThatCannotBeCreatedFailsBeforeLoadingWithTheSystemsReason() throws IOException {
        assertRejected(run(rec("data.split.dir=$DIR/books.tsv/splits")),
                "error: split directory " + dir.resolve("books.tsv/splits") + ": " + dir.resolve("books.tsv")
                        + " is a file, not a directory (set data.split.dir)");
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        assertRejected(run(rec("data.split.dir=/proc/self/splits")), "error: split directory /proc/self/splits: cannot "
                + "create /proc/self/splits: No such file or directory (set data.split.dir)");
    }

    @Test
    void anOutputDirectoryWithoutWritePermissionFailsBeforeLoading() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes anywhere");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        assumeTrue(locked.toFile().setWritable(false, false), "cannot change permissions here");
        assertRejected(run(rec("rec.output.dir=$DIR/locked/run")), "error: output directory " + locked.resolve("run")
                + ": cannot create " + locked.resolve("run") + ": Permission denied (set rec.output.dir)");
    }

    @Test
    void theOutputProbeLeavesNoDirectoryBehindWhenTheJobFailsLater() throws IOException {
        Outcome o = run(rec(FILES, DOMAINS, BOOKS, "data.domain.music.path=$DIR/nope.tsv", "rec.output.dir=$DIR/new/run",
                "data.split.dir=$DIR/new-splits"));
        assertRejected(o, "error: data file not found: " + dir.resolve("nope.tsv"));
        assertFalse(Files.exists(dir.resolve("new")), "the output directory made by the probe is gone");
        assertFalse(Files.exists(dir.resolve("new-splits")), "the split directory made by the probe is gone");
    }

    private static byte[] concat(byte[]... parts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.write(p);
        }
        return all.toByteArray();
    }

    @Test
    void anUnreadableDataFileIsAnError() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file");
        Path locked = dir.resolve("locked.tsv");
        Files.writeString(locked, "user\titem\trating\n1\tm\t1\n");
        assumeFalse(!locked.toFile().setReadable(false, false), "cannot change permissions here");
        Outcome o = run(rec(FILES, DOMAINS, BOOKS, "data.domain.music.path=" + locked));
        assertEquals(2, o.exit());
        assertTrue(o.err().startsWith("error: data file is not a readable file: " + locked), o.err());
    }

    @Test
    void keysPrintsTheKeyTable() {
        Outcome o = run("keys");
        assertEquals(0, o.exit());
        assertTrue(o.out().startsWith("| key | default | valid values | description |"), o.out());
        assertTrue(o.out().contains("| `bprmf.learn.rate` | `0.001` |"), o.out());
    }

    @Test
    void usageErrorsExitWithTwoAndHelpWithZero() {
        assertEquals(2, run().exit());
        assertEquals(0, run("--help").exit());
        Outcome unknown = run("train", "-conf", "x");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("error: unknown command 'train'"));
        assertTrue(run("rec").err().startsWith("error: missing -conf FILE"));
    }
}
