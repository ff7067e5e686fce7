package org.mineralsadvisor.rules.safety;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lists everything one class file reaches, by reading its bytes: the class is never loaded, so
 * nothing in it (a static initializer included) runs.
 */
final class ClassFileScanner {

    /** What a method of the class reaches, and the line of the generated source it is on (0 if unknown). */
    record Use(String method, int line, CodeReference reference) {
    }

    /** The only bootstraps javac and ECJ use for lambdas, method references and string concatenation. */
    private static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory.metafactory",
            "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants");

    private ClassFileScanner() {
    }

    static ClassNode read(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
        return node;
    }

    static List<Use> uses(ClassNode node) {
        List<Use> uses = new ArrayList<>();
        String header = "(class " + node.name.substring(node.name.lastIndexOf('/') + 1) + ")";
        if (node.superName != null) {
            uses.add(new Use(header, 0, CodeReference.type(node.superName)));
        }
        for (String iface : node.interfaces) {
            uses.add(new Use(header, 0, CodeReference.type(iface)));
        }
        for (MethodNode method : node.methods) {
            int line = 0;
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof LineNumberNode number) {
                    line = number.line;
                } else {
                    for (CodeReference reference : references(insn)) {
                        uses.add(new Use(method.name, line, reference));
                    }
                }
            }
        }
        return uses;
    }

    private static List<CodeReference> references(AbstractInsnNode insn) {
        List<CodeReference> refs = new ArrayList<>();
        if (insn instanceof MethodInsnNode call) {
            refs.add(CodeReference.method(call.owner, call.name, call.desc));
        } else if (insn instanceof FieldInsnNode field) {
            refs.add(CodeReference.field(field.owner, field.name, field.desc));
        } else if (insn instanceof TypeInsnNode type) {
            refs.add(CodeReference.type(type.desc));
        } else if (insn instanceof MultiANewArrayInsnNode array) {
            refs.add(CodeReference.type(array.desc));
        } else if (insn instanceof LdcInsnNode ldc) {
            constant(ldc.cst, refs);
        } else if (insn instanceof InvokeDynamicInsnNode indy) {
            Handle bsm = indy.bsm;
            if (!BOOTSTRAPS.contains(bsm.getOwner() + "." + bsm.getName())) {
                refs.add(CodeReference.method(bsm.getOwner(), bsm.getName(), bsm.getDesc()));
            }
            for (Object arg : indy.bsmArgs) {
                constant(arg, refs);
            }
        }
        return refs;
    }

    private static void constant(Object constant, List<CodeReference> refs) {
        if (constant instanceof Type type) {
            if (type.getSort() == Type.METHOD) {
                return; // a method type constant names no class of its own that could be called
            }
            refs.add(CodeReference.type(type.getDescriptor().startsWith("[") ? type.getDescriptor() : type.getInternalName()));
        } else if (constant instanceof Handle handle) {
            int tag = handle.getTag();
            refs.add(tag <= Opcodes.H_PUTSTATIC
                    ? CodeReference.field(handle.getOwner(), handle.getName(), handle.getDesc())
                    : CodeReference.method(handle.getOwner(), handle.getName(), handle.getDesc()));
        } else if (constant instanceof ConstantDynamic dynamic) {
            // javac does not emit these for rule code; treat the bootstrap as a call to be judged.
            Handle bsm = dynamic.getBootstrapMethod();
            refs.add(CodeReference.method(bsm.getOwner(), bsm.getName(), bsm.getDesc()));
        }
    }
}
