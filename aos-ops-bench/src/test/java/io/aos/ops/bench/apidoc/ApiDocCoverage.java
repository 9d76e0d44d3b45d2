package io.aos.ops.bench.apidoc;

import com.sun.source.doctree.BlockTagTree;
import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.doctree.ReturnTree;
import com.sun.source.doctree.ThrowsTree;
import com.sun.source.util.DocTrees;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.ToolProvider;
import jdk.javadoc.doclet.Doclet;
import jdk.javadoc.doclet.DocletEnvironment;
import jdk.javadoc.doclet.Reporter;

/**
 * A doclet that counts, per package, the public API items and those of them that are documented the way doclint's
 * {@code missing} group asks: a package comment; a comment on every public or protected type, constructor, method,
 * field and enum constant; an {@code @param} for every parameter (and every record component), an {@code @return}
 * (or an inline {@code {@return}}) for every non-void method and an {@code @throws} for every declared checked
 * exception. Methods that override a supertype's inherit its comment and are not counted; a record's accessors
 * (documented by the record's {@code @param} tags) and an enum's {@code values()} and {@code valueOf(String)} are not
 * counted either, but a public class's implicit no-argument constructor is, as javadoc shows it as undocumented API.
 *
 * <p>The javadoc tool instantiates the doclet itself, so results go to {@link #RESULTS}; the tool runs one doclet
 * at a time per call and the test reads the map after the call returns.
 */
public final class ApiDocCoverage implements Doclet {

    /** The figures of the last run, by package name. */
    static final Map<String, PackageFigure> RESULTS = new TreeMap<>();

    /** Only types this accepts are counted (for packages where only the entry points are API). */
    static volatile Predicate<TypeElement> typeFilter = t -> true;

    /** Counts for one package. */
    static final class PackageFigure {
        int items;
        /** Items with a doc comment at all, complete or not (the looser figure). */
        int commented;
        final List<String> undocumented = new ArrayList<>();

        int documented() {
            return items - undocumented.size();
        }
    }

    private DocTrees trees;
    private Elements elements;
    private Types types;

    /** Instantiated by the javadoc tool. */
    public ApiDocCoverage() {
    }

    /**
     * Runs the javadoc tool with this doclet over {@code packages} found below {@code sourceRoots}.
     *
     * @return figures by package name
     */
    static synchronized Map<String, PackageFigure> measure(List<Path> sourceRoots, Collection<String> packages,
            Predicate<TypeElement> filter) {
        RESULTS.clear();
        typeFilter = filter;
        String sourcePath = sourceRoots.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        // surefire runs tests from a manifest-only jar: the real test classpath is in this property
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> options = new ArrayList<>(List.of(
                "--source-path", sourcePath, "-classpath", classPath, "-quiet"));
        options.addAll(packages);
        StringWriter log = new StringWriter();
        boolean ok = ToolProvider.getSystemDocumentationTool()
                .getTask(new PrintWriter(log), null, null, ApiDocCoverage.class, options, null).call();
        if (!ok) {
            throw new IllegalStateException("javadoc failed on " + packages + ":\n" + log);
        }
        return new TreeMap<>(RESULTS);
    }

    @Override
    public void init(Locale locale, Reporter reporter) {
    }

    @Override
    public String getName() {
        return "ApiDocCoverage";
    }

    @Override
    public Set<? extends Option> getSupportedOptions() {
        return Set.of();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latest();
    }

    @Override
    public boolean run(DocletEnvironment env) {
        trees = env.getDocTrees();
        elements = env.getElementUtils();
        types = env.getTypeUtils();
        for (PackageElement pkg : ElementFilter.packagesIn(env.getSpecifiedElements())) {
            PackageFigure figure = RESULTS.computeIfAbsent(pkg.getQualifiedName().toString(), k -> new PackageFigure());
            count(figure, pkg, "package-info");
            for (TypeElement type : ElementFilter.typesIn(pkg.getEnclosedElements())) {
                if (isApi(type) && typeFilter.test(type)) {
                    countType(figure, type);
                }
            }
        }
        return true;
    }

    private void countType(PackageFigure figure, TypeElement type) {
        count(figure, type, type.getQualifiedName().toString());
        if (type.getKind() == ElementKind.RECORD) {
            DocCommentTree doc = trees.getDocCommentTree(type);
            Set<String> params = paramNames(doc);
            for (RecordComponentElement component : type.getRecordComponents()) {
                figure.items++;
                if (!params.contains(component.getSimpleName().toString())) {
                    figure.undocumented.add(type.getQualifiedName() + " @param " + component.getSimpleName());
                } else {
                    figure.commented++;
                }
            }
        }
        for (Element member : type.getEnclosedElements()) {
            if (!isApi(member)) {
                continue;
            }
            String where = type.getQualifiedName() + "#" + signature(member);
            switch (member.getKind()) {
                case CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE -> countType(figure, (TypeElement) member);
                case FIELD, ENUM_CONSTANT -> count(figure, member, where);
                case CONSTRUCTOR -> {
                    Elements.Origin origin = elements.getOrigin(member);
                    boolean implicitRecordOrEnum = origin != Elements.Origin.EXPLICIT
                            && (type.getKind() == ElementKind.RECORD || type.getKind() == ElementKind.ENUM);
                    if (!implicitRecordOrEnum) {
                        countExecutable(figure, (ExecutableElement) member, where);
                    }
                }
                case METHOD -> {
                    ExecutableElement method = (ExecutableElement) member;
                    if (!documentedByType(method, type) && !overridesSomething(method, type)) {
                        countExecutable(figure, method, where);
                    }
                }
                default -> {
                }
            }
        }
    }

    private void count(PackageFigure figure, Element element, String where) {
        figure.items++;
        if (trees.getDocCommentTree(element) == null) {
            figure.undocumented.add(where);
        } else {
            figure.commented++;
        }
    }

    private void countExecutable(PackageFigure figure, ExecutableElement method, String where) {
        figure.items++;
        DocCommentTree doc = trees.getDocCommentTree(method);
        if (doc == null) {
            figure.undocumented.add(where);
            return;
        }
        figure.commented++;
        List<String> gaps = new ArrayList<>();
        Set<String> params = paramNames(doc);
        if (method.getKind() == ElementKind.CONSTRUCTOR
                && method.getEnclosingElement().getKind() == ElementKind.RECORD) {
            // a canonical constructor's parameters are the components the record's @param tags describe
            params.addAll(paramNames(trees.getDocCommentTree(method.getEnclosingElement())));
        }
        for (VariableElement p : method.getParameters()) {
            if (!params.contains(p.getSimpleName().toString())) {
                gaps.add("@param " + p.getSimpleName());
            }
        }
        if (method.getKind() == ElementKind.METHOD && method.getReturnType().getKind() != TypeKind.VOID
                && !hasReturn(doc)) {
            gaps.add("@return");
        }
        Set<String> thrown = thrownNames(doc);
        for (TypeMirror ex : method.getThrownTypes()) {
            if (isChecked(ex) && !thrown.contains(simpleName(ex)) && !thrown.contains(ex.toString())) {
                gaps.add("@throws " + simpleName(ex));
            }
        }
        if (!gaps.isEmpty()) {
            figure.undocumented.add(where + " " + String.join(", ", gaps));
        }
    }

    private boolean isApi(Element e) {
        Set<Modifier> m = e.getModifiers();
        if (!(m.contains(Modifier.PUBLIC) || m.contains(Modifier.PROTECTED))) {
            // interface members are public without the keyword
            Element owner = e.getEnclosingElement();
            boolean interfaceMember = owner != null && owner.getKind().isInterface()
                    && !m.contains(Modifier.PRIVATE) && e.getKind() != ElementKind.PACKAGE;
            if (!interfaceMember) {
                return false;
            }
        }
        Element owner = e.getEnclosingElement();
        if (owner instanceof TypeElement t && t.getModifiers().contains(Modifier.FINAL)
                && m.contains(Modifier.PROTECTED) && !m.contains(Modifier.PUBLIC)) {
            return false;  // protected in a final class is unreachable from outside the package
        }
        return true;
    }

    /** A record's accessors (its @param tags) and an enum's values() and valueOf(String) (the language's). */
    private static boolean documentedByType(ExecutableElement method, TypeElement type) {
        String name = method.getSimpleName().toString();
        if (type.getKind() == ElementKind.RECORD) {
            return method.getParameters().isEmpty() && type.getRecordComponents().stream()
                    .anyMatch(c -> c.getSimpleName().contentEquals(name));
        }
        if (type.getKind() == ElementKind.ENUM && method.getModifiers().contains(Modifier.STATIC)) {
            return name.equals("values") && method.getParameters().isEmpty()
                    || name.equals("valueOf") && method.getParameters().size() == 1;
        }
        return false;
    }

    private boolean overridesSomething(ExecutableElement method, TypeElement type) {
        Set<TypeElement> seen = new HashSet<>();
        List<TypeMirror> todo = new ArrayList<>(types.directSupertypes(type.asType()));
        while (!todo.isEmpty()) {
            TypeMirror sup = todo.remove(todo.size() - 1);
            Element se = types.asElement(sup);
            if (!(se instanceof TypeElement superType) || !seen.add(superType)) {
                continue;
            }
            for (ExecutableElement candidate : ElementFilter.methodsIn(superType.getEnclosedElements())) {
                if (elements.overrides(method, candidate, type)) {
                    return true;
                }
            }
            todo.addAll(types.directSupertypes(sup));
        }
        return false;
    }

    private boolean isChecked(TypeMirror ex) {
        TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
        TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
        return !types.isAssignable(ex, runtime) && !types.isAssignable(ex, error);
    }

    private static String simpleName(TypeMirror t) {
        String s = t.toString();
        return s.substring(s.lastIndexOf('.') + 1);
    }

    private static Set<String> paramNames(DocCommentTree doc) {
        Set<String> names = new HashSet<>();
        if (doc != null) {
            for (DocTree tag : doc.getBlockTags()) {
                if (tag instanceof ParamTree p && p.getName() != null) {
                    names.add(p.getName().getName().toString());
                }
            }
        }
        return names;
    }

    private static boolean hasReturn(DocCommentTree doc) {
        for (DocTree tag : doc.getBlockTags()) {
            if (tag instanceof ReturnTree) {
                return true;
            }
        }
        for (DocTree t : doc.getFirstSentence()) {
            if (t instanceof ReturnTree) {
                return true;  // {@return ...}
            }
        }
        for (DocTree t : doc.getFullBody()) {
            if (t instanceof ReturnTree) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> thrownNames(DocCommentTree doc) {
        Set<String> names = new HashSet<>();
        for (DocTree tag : doc.getBlockTags()) {
            if (tag instanceof ThrowsTree t && t.getExceptionName() != null) {
                String n = t.getExceptionName().getSignature();
                names.add(n);
                names.add(n.substring(n.lastIndexOf('.') + 1));
            } else if (tag instanceof BlockTagTree b && b.getTagName().equals("exception")) {
                names.add(tag.toString());
            }
        }
        return names;
    }

    private static String signature(Element member) {
        if (member instanceof ExecutableElement m) {
            List<String> ps = new ArrayList<>();
            for (VariableElement p : m.getParameters()) {
                ps.add(simpleName(p.asType()));
            }
            String name = m.getKind() == ElementKind.CONSTRUCTOR
                    ? m.getEnclosingElement().getSimpleName().toString()
                    : m.getSimpleName().toString();
            return name + "(" + String.join(", ", ps) + ")";
        }
        return member.getSimpleName().toString();
    }
}
