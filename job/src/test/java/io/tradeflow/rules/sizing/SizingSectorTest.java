package io.tradeflow.rules.sizing;

import static io.tradeflow.rules.sizing.SizingRequests.request;
import static io.tradeflow.rules.sizing.SizingRequests.step;
import static io.tradeflow.rules.sizing.SizingRequests.stepNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradeflow.rules.TierParams;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Examples of the sector cap: moderate allows 25 % of a 100 000 portfolio, 25 000, in one sector.
 * The candidate's sector Tech is held, so no diversification bonus applies.
 */
@DisplayName("R-SIZE-4 sector exposure")
class SizingSectorTest {

    @Test
    void fillsTheSectorExactlyToItsCap() {
        // room 25 000 − 21 000 = 4 000 = the size
        Sizing s = request().sector("Tech").hold("A", "Tech", 21_000).size();

        assertThat(s.quantity()).isEqualTo(40);
        assertThat(stepNames(s)).doesNotContain("sector_cap");
        assertThat(s.sectorExposureAfter()).isEqualTo(0.25);
    }

    @Test
    void reducesTheSizeToTheSectorsRoom() {
        Sizing s = request().sector("Tech").hold("A", "Tech", 12_000).hold("B", "Tech", 10_000)
                .size();

        assertThat(s.quantity()).isEqualTo(30);
        SizingStep cap = step(s, "sector_cap");
        assertThat(cap.rule()).isEqualTo("R-SIZE-4");
        assertThat(cap.in()).isEqualTo(4_000);
        assertThat(cap.out()).isEqualTo(3_000);
        assertThat(s.sectorExposureAfter()).isEqualTo(0.25);
    }

    @Test
    void rejectsAFullSector() {
        Sizing s = request().sector("Tech").hold("A", "Tech", 25_000).size();

        assertThat(s.rejectedBy()).isEqualTo("R-SIZE-4");
        assertThat(stepNames(s)).endsWith("sector");
        assertThat(step(s, "sector").in()).isEqualTo(25_000);
        assertThat(step(s, "sector").out()).isEqualTo(25_000);
        assertThat(s.sectorExposureAfter()).isEqualTo(0.25);
    }

    @Test
    void rejectsASectorAboveItsCap() {
        assertThat(request().sector("Tech").hold("A", "Tech", 26_000).size().rejectedBy())
                .isEqualTo("R-SIZE-4");
    }

    @Test
    void namesTheSectorWhenItsRoomIsLessThanAShare() {
        Sizing s = request().sector("Tech").hold("A", "Tech", 24_950).size();

        assertThat(s.rejectedBy()).isEqualTo("R-SIZE-4");
        assertThat(step(s, "sector_cap").out()).isEqualTo(50);
    }

    @Test
    void countsOnlyTheCandidatesSector() {
        Sizing s = request().sector("Tech").hold("A", "Tech", 10_000)
                .hold("B", "Energy", 40_000).hold("C", null, 40_000).size();

        assertThat(s.quantity()).isEqualTo(40);
        assertThat(s.sectorExposureAfter()).isEqualTo(0.14);
    }

    @Test
    void skipsTheCheckWithANoteWhenTheSectorIsUnknown() {
        Sizing s = request().hold("A", null, 30_000).size();

        assertThat(s.quantity()).isEqualTo(40);
        assertThat(step(s, "sector").note()).contains("unknown");
        assertThat(s.sectorExposureAfter()).isNull();
    }

    @Test
    void usesTheTiersCap() {
        // conservative: 20 % = 20 000, 19 000 held ⇒ room 1 000 ⇒ 10 shares
        Sizing s = request().tier(TierParams.CONSERVATIVE).confidence(0.75)
                .sector("Tech").hold("A", "Tech", 19_000).size();

        assertThat(s.quantity()).isEqualTo(10);
    }
}
