package org.uclr.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which runs count as baselines beside the reference: with UCLR on another backbone as the reference
 * (leaderboard.reference=uclr-lightgcn on Amazon), UCLR on the default backbone and every ablation are UCLR's own
 * configurations, not baselines it could be tested against.
 */
class SignificanceFamilyTest {

    @Test
    void everyUclrConfigurationIsOfTheReferencesFamilyAndNoOtherModelIs() {
        assertEquals("uclr", Significance.family("uclr-lightgcn"));
        assertEquals("uclr", Significance.family("uclr"));
        for (String reference : new String[]{"uclr", "uclr-lightgcn"}) {
            for (String uclr : new String[]{"uclr", "uclr-lightgcn", "uclr-pge", "uclr-pge-ae-lightgcn"}) {
                assertFalse(Significance.isBaseline(uclr, reference), uclr + " beside " + reference);
            }
            for (String baseline : new String[]{"lightgcn", "neumf", "bprmf-global", "mostpop", "catart"}) {
                assertTrue(Significance.isBaseline(baseline, reference), baseline + " beside " + reference);
            }
        }
    }
}
