package org.mineralsadvisor.provenance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fact-row component read from an optional column (pack v1.1). Evidence writes it only when
 * it has a value, so that a fact base without the column gives the same advice, byte for byte,
 * as it did before the column existed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface OptionalColumn {
}
