package org.mineralsadvisor.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/** A recommendation's details, one record per recommendation type, written as the data contract lists them. */
public sealed interface Details {

    /** STOCKPILE; {@code fundedUsd} and {@code funding} are null until the budget is allocated. */
    @JsonPropertyOrder({"currentDays", "targetDays", "acquireTonnes", "estimatedCostUsd", "fundedUsd", "funding",
            "factors"})
    record Stockpile(double currentDays, int targetDays, double acquireTonnes, Double estimatedCostUsd,
                     Double fundedUsd, FundingStatus funding, List<Factor> factors) implements Details {

        /** These details with what the budget gives them. */
        public Stockpile funded(Funding given) {
            return new Stockpile(currentDays, targetDays, acquireTonnes, estimatedCostUsd, given.fundedUsd(),
                    given.funding(), factors);
        }
    }

    @JsonPropertyOrder({"partners", "topSource", "topSourceShare"})
    record Diversify(List<String> partners, String topSource, Double topSourceShare) implements Details {
    }

    @JsonPropertyOrder({"status", "met", "unmet", "gaps"})
    record Coalition(CoalitionStanding status, List<String> met, List<String> unmet, Map<String, String> gaps)
            implements Details {
    }

    /** CORRIDOR, ranked or excluded: an excluded corridor has no rank, score or tier, and a reason. */
    @JsonPropertyOrder({"status", "rank", "score", "tier", "contributions", "reason"})
    record Corridor(CorridorStatus status, Integer rank, Integer score, Tier tier, Map<String, Integer> contributions,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String reason) implements Details {

        public static Corridor ranked(int rank, int score, Tier tier, Map<String, Integer> contributions) {
            return new Corridor(CorridorStatus.RANKED, rank, score, tier, contributions, null);
        }

        public static Corridor excluded(String reason) {
            return new Corridor(CorridorStatus.EXCLUDED, null, null, null, Map.of(), reason);
        }
    }
}
