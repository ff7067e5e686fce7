package org.mineralsadvisor.rules.safety;

import org.objectweb.asm.Type;

/**
 * One thing compiled rule code reaches: a method or constructor it calls, a field it reads or
 * writes, a type it creates, casts to or names as a constant.
 *
 * @param owner the class, dotted ("java.lang.System")
 * @param member the method or field name; "<init>" for a constructor; empty for a bare type use
 * @param descriptor the JVM descriptor of a method or field; empty for a bare type use
 */
public record CodeReference(Kind kind, String owner, String member, String descriptor) {

    public enum Kind { METHOD, FIELD, TYPE }

    static CodeReference method(String internalOwner, String name, String descriptor) {
        return new CodeReference(Kind.METHOD, dotted(internalOwner), name, descriptor);
    }

    static CodeReference field(String internalOwner, String name, String descriptor) {
        return new CodeReference(Kind.FIELD, dotted(internalOwner), name, descriptor);
    }

    /** A type by internal name or array descriptor; arrays stand for their element type. */
    static CodeReference type(String internalNameOrDescriptor) {
        Type type = internalNameOrDescriptor.startsWith("[")
                ? Type.getType(internalNameOrDescriptor) : Type.getObjectType(internalNameOrDescriptor);
        while (type.getSort() == Type.ARRAY) {
            type = type.getElementType();
        }
        return new CodeReference(Kind.TYPE, type.getClassName(), "", "");
    }

    static String dotted(String internalName) {
        return internalName.startsWith("[") ? type(internalName).owner() : internalName.replace('/', '.');
    }

    boolean isPrimitiveType() {
        return kind == Kind.TYPE && !owner.contains(".") && Character.isLowerCase(owner.charAt(0));
    }

    /** As a rule author would write it: "java.lang.System.exit(int)", "new java.io.File(String)". */
    public String display() {
        return switch (kind) {
            case TYPE -> owner;
            case FIELD -> owner + "." + member;
            case METHOD -> {
                StringBuilder args = new StringBuilder();
                for (Type arg : Type.getArgumentTypes(descriptor)) {
                    if (!args.isEmpty()) {
                        args.append(", ");
                    }
                    String name = arg.getClassName();
                    args.append(name.startsWith("java.lang.") && name.indexOf('.', 10) < 0 ? name.substring(10) : name);
                }
                yield member.equals("<init>") ? "new " + owner + "(" + args + ")" : owner + "." + member + "(" + args + ")";
            }
        };
    }
}
