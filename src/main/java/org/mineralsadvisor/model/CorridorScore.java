package org.mineralsadvisor.model;

import java.util.Map;

/** COR-RANK: a corridor's total score and its non-zero contributions (policy id → points). */
public record CorridorScore(String corridor, int score, Map<String, Integer> contributions) {
}
