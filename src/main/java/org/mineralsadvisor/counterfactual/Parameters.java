package org.mineralsadvisor.counterfactual;

import org.mineralsadvisor.rules.PolicyCatalogue;
import org.mineralsadvisor.rules.PolicyParameter;

/**
 * The rule set's policy parameters as the rules compare with them: a DRL condition reads
 * {@code 0.50} as a Java double literal, which is what {@code BigDecimal.doubleValue()} gives.
 * A custom catalogue may lack one; the counterfactual needing it is then left out.
 */
final class Parameters {
    private final PolicyCatalogue catalogue;

    Parameters(PolicyCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Whether the catalogue lists {@code policyId} (FORGE's criteria are policies of their own). */
    boolean isPolicy(String policyId) {
        return catalogue != null && catalogue.contains(policyId);
    }

    /** The parameter's value, or null where the catalogue has no such policy or parameter. */
    Double get(String policyId, String name) {
        PolicyCatalogue.Policy policy = catalogue == null ? null : catalogue.policies().get(policyId);
        PolicyParameter parameter = policy == null ? null : policy.parameters().get(name);
        return parameter == null ? null : parameter.value().doubleValue();
    }

    /** The values of all the names, in order, or null where any is missing. */
    double[] all(String policyId, String... names) {
        double[] values = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            Double value = get(policyId, names[i]);
            if (value == null) {
                return null;
            }
            values[i] = value;
        }
        return values;
    }
}
