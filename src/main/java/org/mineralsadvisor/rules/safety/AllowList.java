package org.mineralsadvisor.rules.safety;

import java.util.Map;
import java.util.Set;

/**
 * What compiled rule code may reach: the fact model and plain computation. Anything not listed is
 * refused, so a new JDK or library class is unsafe until someone decides otherwise.
 */
public final class AllowList {

    /** The short form quoted in every violation, so an author sees what to use instead. */
    public static final String SUMMARY = "the fact model (org.mineralsadvisor.model, the fact-base records), "
            + "String, StringBuilder, boxed numbers, Math, java.util collections and java.util.function, "
            + "java.time, java.math, and drools.insert/insertLogical/update/delete";

    /** Packages whose every public class is plain data or computation. Subpackages are not included. */
    private static final Set<String> PACKAGES = Set.of(
            "org.mineralsadvisor.model", "java.util.function", "java.time", "java.math");

    private static final Set<String> MODEL_EXCEPTIONS = Set.of(
            // Reads any record's properties through method handles: reflection by another name.
            "org.mineralsadvisor.model.FactProperties");

    /** The fact-base records rules match (org.mineralsadvisor.facts also holds loaders, which read files). */
    private static final Set<String> FACT_RECORDS = Set.of(
            "org.mineralsadvisor.facts.Clearance", "org.mineralsadvisor.facts.Coalition",
            "org.mineralsadvisor.facts.CoalitionMember", "org.mineralsadvisor.facts.CorridorRow",
            "org.mineralsadvisor.facts.Country", "org.mineralsadvisor.facts.ExportControl",
            "org.mineralsadvisor.facts.Mineral", "org.mineralsadvisor.facts.Production",
            "org.mineralsadvisor.facts.Stage", "org.mineralsadvisor.provenance.SourceRef",
            "org.mineralsadvisor.provenance.Sourced");

    /** java.lang: values and arithmetic only. Not System, Runtime, Thread, Class, ClassLoader, Process*, reflection. */
    private static final Set<String> JAVA_LANG = Set.of(
            "java.lang.Object", "java.lang.String", "java.lang.StringBuilder", "java.lang.CharSequence",
            "java.lang.AbstractStringBuilder", "java.lang.Boolean", "java.lang.Character", "java.lang.Number",
            "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float",
            "java.lang.Double", "java.lang.Math", "java.lang.StrictMath", "java.lang.Comparable",
            "java.lang.Iterable", "java.lang.Enum", "java.lang.Record",
            "java.lang.RuntimeException", "java.lang.IllegalArgumentException", "java.lang.IllegalStateException",
            "java.lang.ArithmeticException", "java.lang.NullPointerException", "java.lang.IndexOutOfBoundsException",
            "java.lang.UnsupportedOperationException", "java.lang.NumberFormatException",
            "java.lang.ClassCastException");

    /** java.util classes that do more than hold and order values. */
    private static final Set<String> JAVA_UTIL_EXCEPTIONS = Set.of(
            "java.util.Scanner", "java.util.Formatter", "java.util.Timer", "java.util.TimerTask",
            "java.util.ServiceLoader", "java.util.ResourceBundle", "java.util.PropertyResourceBundle",
            "java.util.ListResourceBundle", "java.util.Properties",
            // previous() can walk an iterator back forever; the loop check relies on iterators only moving on.
            "java.util.ListIterator");

    /** Members of allowed classes that are not plain computation. */
    private static final Map<String, Set<String>> DENIED_MEMBERS = Map.of(
            "java.lang.Object", Set.of("wait", "notify", "notifyAll"), // block or wake threads
            "java.lang.Enum", Set.of("getDeclaringClass"),
            "java.util.List", Set.of("listIterator"),
            "java.util.AbstractList", Set.of("listIterator"),
            "java.util.ArrayList", Set.of("listIterator"),
            "java.util.LinkedList", Set.of("listIterator"));

    /**
     * The Drools types rule code calls, member by member. KnowledgeHelper is a consequence's
     * {@code drools} variable: only the working-memory actions, not getKieRuntime(),
     * getWorkingMemory() or getEntryPoint(), which reach the session, its globals and channels.
     * FieldFactory is how the generated code wraps the value of an accumulate expression.
     */
    private static final Map<String, Set<String>> DROOLS_MEMBERS = Map.of(
            "org.drools.core.rule.consequence.KnowledgeHelper",
            Set.of("insert", "insertLogical", "update", "delete", "retract", "halt", "getRule", "getMatch"),
            "org.drools.mvel.field.FieldFactory", Set.of("getInstance", "getFieldValue"),
            "org.drools.base.rule.accessor.FieldValue", Set.of("getValue"));

    /**
     * What the invoker stubs Drools generates around each consequence and eval call (and nothing
     * a rule author writes: their code is in the rule and function classes, checked without these).
     * The stubs hand over to Drools' own ASM generators and compare method bytecode; listed
     * class by class rather than as org.drools.**.
     */
    private static final Set<String> TEMPLATE_TYPES = Set.of(
            "org.drools.base.rule.accessor.CompiledInvoker", "org.drools.base.rule.accessor.EvalExpression",
            "org.drools.base.rule.accessor.PredicateExpression", "org.drools.base.rule.accessor.ReturnValueExpression",
            "org.drools.base.rule.accessor.Accumulator", "org.drools.base.rule.consequence.Consequence",
            "org.drools.mvel.asm.ConsequenceGenerator", "org.drools.mvel.asm.ConsequenceStub",
            "org.drools.mvel.asm.EvalGenerator", "org.drools.mvel.asm.EvalStub",
            "org.drools.mvel.asm.PredicateGenerator", "org.drools.mvel.asm.PredicateStub",
            "org.drools.mvel.asm.ReturnValueGenerator", "org.drools.mvel.asm.ReturnValueStub",
            "org.drools.mvel.asm.AccumulateGenerator", "org.drools.mvel.asm.AccumulateStub",
            "org.drools.mvel.asm.MethodComparator",
            // An accumulate expression's invoker reads the bound values it passes to the rule class.
            "org.drools.base.rule.Declaration", "org.drools.base.base.ValueResolver",
            "org.drools.base.reteoo.BaseTuple", "org.kie.api.runtime.rule.FactHandle");

    private static final String BIT_MASKS = "org.drools.util.bitmask.";

    /** Interfaces Drools makes rule and function classes implement so it can serialise them; no capability. */
    private static final Set<String> MARKER_TYPES = Set.of("java.io.Externalizable", "java.io.Serializable");

    private final Set<String> generatedClasses;

    /** @param generatedClasses the classes of the rule set itself (dotted), which are checked in turn */
    public AllowList(Set<String> generatedClasses) {
        this.generatedClasses = generatedClasses;
    }

    /** Whether rule code (a consequence, function or eval) may use {@code reference}. */
    public boolean allowsInRuleCode(CodeReference reference) {
        String owner = reference.owner();
        if (reference.isPrimitiveType() || generatedClasses.contains(owner)) {
            return true;
        }
        if (DROOLS_MEMBERS.containsKey(owner)) {
            return reference.kind() == CodeReference.Kind.TYPE || DROOLS_MEMBERS.get(owner).contains(reference.member());
        }
        if (owner.startsWith(BIT_MASKS) && owner.indexOf('.', BIT_MASKS.length()) < 0) {
            // update(x) and modify(x) { … } compile to drools.update(handle, x, mask, class): the mask says
            // which properties changed. The package holds immutable bit sets and nothing else.
            return true;
        }
        if (reference.kind() == CodeReference.Kind.TYPE && MARKER_TYPES.contains(owner)) {
            return true;
        }
        if (!allowedType(owner)) {
            return false;
        }
        Set<String> denied = DENIED_MEMBERS.get(owner);
        return denied == null || !denied.contains(reference.member());
    }

    /** Whether a Drools-generated invoker stub may use {@code reference}. */
    public boolean allowsInTemplate(CodeReference reference) {
        return allowsInRuleCode(reference) || TEMPLATE_TYPES.contains(reference.owner());
    }

    /** Whether the type itself is allowed (its members may still be denied one by one). */
    public static boolean allowedType(String owner) {
        if (JAVA_LANG.contains(owner) || FACT_RECORDS.contains(owner)) {
            return true;
        }
        String pkg = owner.lastIndexOf('.') < 0 ? "" : owner.substring(0, owner.lastIndexOf('.'));
        if (pkg.equals("java.util")) {
            String outer = owner.contains("$") ? owner.substring(0, owner.indexOf('$')) : owner;
            return !JAVA_UTIL_EXCEPTIONS.contains(outer);
        }
        if (pkg.equals("org.mineralsadvisor.model")) {
            return !MODEL_EXCEPTIONS.contains(owner);
        }
        return PACKAGES.contains(pkg);
    }
}
