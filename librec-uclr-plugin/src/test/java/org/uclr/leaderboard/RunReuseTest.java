package org.uclr.leaderboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.eval.EvaluationReport;
import org.uclr.job.JobPlan;
import org.uclr.job.ResultsJson;
import org.uclr.job.RunResult;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunReuseTest {
    @TempDir
    Path tmp;

    private static final Map<String, String> CONF = Map.of("bprmf.factors", "128", "rec.random.seed", "1",
            "rec.output.dir", "", "data.split.dir", "cache/splits");

    private JobPlan finishedRun(Map<String, String> recorded, String codeVersion) {
        Path dir = tmp.resolve("run");
        RunResult r = new RunResult("bprmf", "x", "d", false, "fp", 1, recorded,
                new EvaluationReport(List.of(), List.of(), Map.of()), 1, 1, Map.of(), List.of(), Map.of(), dir);
        ResultsJson.write(dir, r, Map.of("code_version", codeVersion));
        return new JobPlan("bprmf", "d", 1, dir, CONF);
    }

    @Test
    void sameConfigurationAndCodeVersionIsReused() {
        JobPlan plan = finishedRun(CONF, "abc");
        assertTrue(new RunReuse("abc", ReusePolicy.EXACT).check(plan).reusable());
    }

    @Test
    void whereFilesGoIsNotPartOfTheComparison() {
        Map<String, String> elsewhere = new HashMap<>(CONF);
        elsewhere.put("rec.output.dir", "reports/runs/d/bprmf/seed-1");
        elsewhere.put("data.split.dir", "/tmp/other-splits");
        JobPlan plan = finishedRun(elsewhere, "abc");
        assertTrue(new RunReuse("abc", ReusePolicy.EXACT).check(plan).reusable());
    }

    @Test
    void aRunThatAlsoSavedItsModelStandsInForOneThatDidNot() {
        Map<String, String> saved = new HashMap<>(CONF);
        saved.put("rec.model.save", "true");
        assertTrue(new RunReuse("abc", ReusePolicy.EXACT).check(finishedRun(saved, "abc")).reusable());
    }

    @Test
    void anotherModelsKeyRecordedByAnOlderRunIsNotAChangeButOneOfThisModelsNamespacesIs() {
        Map<String, String> withUclrKey = new HashMap<>(CONF);
        withUclrKey.put("uclr.lora.rank", "128");
        assertTrue(new RunReuse("abc", ReusePolicy.EXACT).check(finishedRun(withUclrKey, "abc")).reusable());
        Map<String, String> withOwnKey = new HashMap<>(CONF);
        withOwnKey.put("bprmf.user.offsets", "true");
        RunReuse.Decision d = new RunReuse("abc", ReusePolicy.EXACT).check(finishedRun(withOwnKey, "abc"));
        assertEquals("configuration changed: bprmf.user.offsets: true -> (absent)", d.reason());
    }

    @Test
    void aChangedKeyIsRerunAndTheReasonNamesIt() {
        Map<String, String> older = new HashMap<>(CONF);
        older.put("bprmf.factors", "64");
        RunReuse.Decision d = new RunReuse("abc", ReusePolicy.EXACT).check(finishedRun(older, "abc"));
        assertFalse(d.reusable());
        assertEquals("configuration changed: bprmf.factors: 64 -> 128", d.reason());
    }

    @Test
    void anAddedKeyIsAChange() {
        Map<String, String> fewer = new HashMap<>(CONF);
        fewer.remove("bprmf.factors");
        RunReuse.Decision d = new RunReuse("abc", ReusePolicy.EXACT).check(finishedRun(fewer, "abc"));
        assertEquals("configuration changed: bprmf.factors: (absent) -> 128", d.reason());
    }

    @Test
    void aRunRecordedBeforeThePopularityPriorExistedStandsInForGridZeroOnly() {
        Map<String, String> gridZero = new HashMap<>(CONF);
        gridZero.put("rec.score.popularity.grid", "0.0");
        JobPlan plan = finishedRun(CONF, "abc");
        assertTrue(new RunReuse("abc", ReusePolicy.EXACT).check(
                new JobPlan("bprmf", "d", 1, plan.outputDir(), gridZero)).reusable());
        Map<String, String> withPrior = new HashMap<>(CONF);
        withPrior.put("rec.score.popularity.grid", "0.0,1.0");
        RunReuse.Decision d = new RunReuse("abc", ReusePolicy.EXACT).check(
                new JobPlan("bprmf", "d", 1, plan.outputDir(), withPrior));
        assertEquals("configuration changed: rec.score.popularity.grid: 0.0 -> 0.0,1.0", d.reason());
    }

    @Test
    void aUclrRunRecordedBeforeThePerDomainModelExistedStandsInForDomainModelOffOnly() {
        Map<String, String> off = new HashMap<>(CONF);
        off.put("uclr.domain.model", "off");
        off.put("uclr.route.grid", "Infinity,128.0,64.0,32.0,16.0,8.0,4.0,2.0,1.0,0.0");
        JobPlan plan = finishedRun(CONF, "abc");
        assertTrue(new RunReuse("abc", ReusePolicy.EXACT).check(
                new JobPlan("uclr", "d", 1, plan.outputDir(), off)).reusable());
        Map<String, String> route = new HashMap<>(off);
        route.put("uclr.domain.model", "route");
        RunReuse.Decision d = new RunReuse("abc", ReusePolicy.EXACT).check(
                new JobPlan("uclr", "d", 1, plan.outputDir(), route));
        assertEquals("configuration changed: uclr.domain.model: off -> route", d.reason());
    }

    @Test
    void aUclrRunThatKeptItsStageOneInTheCacheStandsInForOneThatDidNot() {
        Map<String, String> cached = new HashMap<>(CONF);
        cached.put("uclr.pretrained.cache", "/work/cache/pge");
        Map<String, String> none = new HashMap<>(CONF);
        none.put("uclr.pretrained.cache", "");
        JobPlan plan = finishedRun(cached, "abc");
        assertTrue(new RunReuse("abc", ReusePolicy.EXACT).check(
                new JobPlan("uclr", "d", 1, plan.outputDir(), none)).reusable());
    }

    @Test
    void otherCodeIsRerunUnderExactButReusedUnderConfig() {
        JobPlan plan = finishedRun(CONF, "abc");
        RunReuse.Decision exact = new RunReuse("def", ReusePolicy.EXACT).check(plan);
        assertFalse(exact.reusable());
        assertEquals("code version changed: abc -> def", exact.reason());
        assertTrue(new RunReuse("def", ReusePolicy.CONFIG).check(plan).reusable());
    }

    @Test
    void aMissingRunIsNotReusable() {
        JobPlan plan = new JobPlan("bprmf", "d", 1, tmp.resolve("nothing"), CONF);
        assertFalse(new RunReuse("abc", ReusePolicy.CONFIG).check(plan).reusable());
    }
}
