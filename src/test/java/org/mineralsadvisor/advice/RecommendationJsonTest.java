package org.mineralsadvisor.advice;

import org.junit.jupiter.api.Test;
import org.mineralsadvisor.model.Details;
import org.mineralsadvisor.model.Factor;
import org.mineralsadvisor.model.Funding;
import org.mineralsadvisor.model.FundingStatus;
import org.mineralsadvisor.model.Tier;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed details write the data contract's fields in its order, with nulls where it has them. */
class RecommendationJsonTest {

    @Test
    void an_unfunded_stockpile_writes_null_funding_and_a_funded_one_its_allocation() {
        Details.Stockpile need = new Details.Stockpile(12.5, 180, 40.0, null, null, null,
                List.of(Factor.IMPORT_RELIANT));
        assertThat(AdviceJson.compact(need)).isEqualTo("{\"currentDays\":12.5,\"targetDays\":180,\"acquireTonnes\":40.0,"
                + "\"estimatedCostUsd\":null,\"fundedUsd\":null,\"funding\":null,\"factors\":[\"IMPORT_RELIANT\"]}");
        assertThat(AdviceJson.compact(need.funded(new Funding("gallium", 0.0, FundingStatus.UNFUNDED))))
                .contains("\"fundedUsd\":0.0,\"funding\":\"UNFUNDED\"");
    }

    @Test
    void a_ranked_corridor_has_no_reason_and_an_excluded_one_no_rank_score_or_tier() {
        assertThat(AdviceJson.compact(Details.Corridor.ranked(1, 85, Tier.TIER_1, Map.of("COR-RESOURCE", 30))))
                .isEqualTo("{\"status\":\"RANKED\",\"rank\":1,\"score\":85,\"tier\":\"TIER_1\","
                        + "\"contributions\":{\"COR-RESOURCE\":30}}");
        assertThat(AdviceJson.compact(Details.Corridor.excluded("NO_RESOURCE")))
                .isEqualTo("{\"status\":\"EXCLUDED\",\"rank\":null,\"score\":null,\"tier\":null,\"contributions\":{},"
                        + "\"reason\":\"NO_RESOURCE\"}");
    }
}
