package org.mineralsadvisor.rules.safety;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds loops that are not for-each loops. The evaluation's time limit is checked between rule
 * firings, so it cannot stop a consequence that never returns ({@code while (true) {}}); rule code
 * may therefore only loop over a collection or an array it already has, which ends. Works on the
 * loop shapes both ECJ (Drools' compiler) and javac emit for a for-each.
 */
final class LoopCheck {

    private LoopCheck() {
    }

    /** Source lines (of the generated class, 0 if unknown) of every loop that is not a for-each. */
    static List<Integer> unboundedLoops(MethodNode method) {
        List<Integer> lines = new ArrayList<>();
        int line = 0;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode number) {
                line = number.line;
            } else if (insn instanceof JumpInsnNode jump && isBackward(method, insn, jump.label)) {
                if (!iteratorLoop(method, jump) && !arrayLoop(method, jump)) {
                    lines.add(line);
                }
            } else if (insn instanceof TableSwitchInsnNode table && anyBackward(method, insn, table.dflt, table.labels)
                    || insn instanceof LookupSwitchInsnNode lookup && anyBackward(method, insn, lookup.dflt, lookup.labels)) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static boolean anyBackward(MethodNode method, AbstractInsnNode insn, LabelNode dflt, List<LabelNode> labels) {
        return isBackward(method, insn, dflt) || labels.stream().anyMatch(l -> isBackward(method, insn, l));
    }

    private static boolean isBackward(MethodNode method, AbstractInsnNode from, LabelNode to) {
        return method.instructions.indexOf(to) <= method.instructions.indexOf(from);
    }

    /** {@code for (X x : iterable)}: the back edge tests hasNext() and the body starts with next() on the same iterator. */
    private static boolean iteratorLoop(MethodNode method, JumpInsnNode jump) {
        List<AbstractInsnNode> head = real(jump.label, 5);
        int iterator;
        if (jump.getOpcode() == Opcodes.IFNE) { // ECJ: goto test; body: next(); ...; test: hasNext(); ifne body
            AbstractInsnNode call = previousReal(jump);
            AbstractInsnNode load = previousReal(call);
            if (!isIteratorCall(call, "hasNext") || !(load instanceof VarInsnNode var) || var.getOpcode() != Opcodes.ALOAD) {
                return false;
            }
            iterator = var.var;
            if (!(head.size() >= 2 && isLoad(head.get(0), Opcodes.ALOAD, iterator) && isIteratorCall(head.get(1), "next"))) {
                return false;
            }
        } else if (jump.getOpcode() == Opcodes.GOTO) { // javac: head: hasNext(); ifeq out; next(); ...; goto head
            if (head.size() < 5 || !(head.get(0) instanceof VarInsnNode var) || var.getOpcode() != Opcodes.ALOAD
                    || !isIteratorCall(head.get(1), "hasNext") || head.get(2).getOpcode() != Opcodes.IFEQ
                    || !isLoad(head.get(3), Opcodes.ALOAD, var.var) || !isIteratorCall(head.get(4), "next")) {
                return false;
            }
            iterator = var.var;
        } else {
            return false;
        }
        return !storesInside(method, jump, Opcodes.ASTORE, iterator);
    }

    /** {@code for (X x : array)}: index from 0 by one to a length taken from arraylength, neither changed in the body. */
    private static boolean arrayLoop(MethodNode method, JumpInsnNode jump) {
        int index;
        int length;
        if (jump.getOpcode() == Opcodes.IF_ICMPLT) { // ECJ: ...; iinc i 1; test: iload i; iload n; if_icmplt body
            AbstractInsnNode n = previousReal(jump);
            AbstractInsnNode i = previousReal(n);
            if (!(i instanceof VarInsnNode vi) || vi.getOpcode() != Opcodes.ILOAD
                    || !(n instanceof VarInsnNode vn) || vn.getOpcode() != Opcodes.ILOAD) {
                return false;
            }
            index = vi.var;
            length = vn.var;
            if (!(previousReal(i) instanceof IincInsnNode inc && inc.var == index && inc.incr == 1)) {
                return false;
            }
        } else if (jump.getOpcode() == Opcodes.GOTO) { // javac: head: iload i; iload n; if_icmpge out; ...; iinc i 1; goto head
            List<AbstractInsnNode> head = real(jump.label, 3);
            if (head.size() < 3 || !(head.get(0) instanceof VarInsnNode vi) || vi.getOpcode() != Opcodes.ILOAD
                    || !(head.get(1) instanceof VarInsnNode vn) || vn.getOpcode() != Opcodes.ILOAD
                    || head.get(2).getOpcode() != Opcodes.IF_ICMPGE) {
                return false;
            }
            index = vi.var;
            length = vn.var;
            if (!(previousReal(jump) instanceof IincInsnNode inc && inc.var == index && inc.incr == 1)) {
                return false;
            }
        } else {
            return false;
        }
        int incrementsInside = 0;
        for (AbstractInsnNode insn = jump.label; insn != jump; insn = insn.getNext()) {
            if (insn instanceof IincInsnNode inc && (inc.var == index || inc.var == length)) {
                incrementsInside++;
            }
        }
        return incrementsInside == 1 && !storesInside(method, jump, Opcodes.ISTORE, index)
                && !storesInside(method, jump, Opcodes.ISTORE, length) && lengthOfArray(jump.label, length);
    }

    /** The last store of {@code length} before the loop takes an array's length. */
    private static boolean lengthOfArray(LabelNode loopStart, int length) {
        for (AbstractInsnNode insn = loopStart.getPrevious(); insn != null; insn = insn.getPrevious()) {
            if (insn instanceof VarInsnNode var && var.getOpcode() == Opcodes.ISTORE && var.var == length) {
                return previousReal(insn) != null && previousReal(insn).getOpcode() == Opcodes.ARRAYLENGTH;
            }
            if (insn instanceof IincInsnNode inc && inc.var == length) {
                return false;
            }
        }
        return false;
    }

    private static boolean storesInside(MethodNode method, JumpInsnNode jump, int opcode, int var) {
        for (AbstractInsnNode insn = jump.label; insn != jump && insn != null; insn = insn.getNext()) {
            if (insn instanceof VarInsnNode v && v.getOpcode() == opcode && v.var == var) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIteratorCall(AbstractInsnNode insn, String name) {
        return insn instanceof MethodInsnNode call && call.owner.equals("java/util/Iterator") && call.name.equals(name);
    }

    private static boolean isLoad(AbstractInsnNode insn, int opcode, int var) {
        return insn instanceof VarInsnNode v && v.getOpcode() == opcode && v.var == var;
    }

    private static List<AbstractInsnNode> real(AbstractInsnNode from, int count) {
        List<AbstractInsnNode> found = new ArrayList<>();
        for (AbstractInsnNode insn = from; insn != null && found.size() < count; insn = insn.getNext()) {
            if (insn.getOpcode() >= 0) {
                found.add(insn);
            }
        }
        return found;
    }

    private static AbstractInsnNode previousReal(AbstractInsnNode from) {
        for (AbstractInsnNode insn = from == null ? null : from.getPrevious(); insn != null; insn = insn.getPrevious()) {
            if (insn.getOpcode() >= 0) {
                return insn;
            }
        }
        return null;
    }
}
