package io.mlflow4j.runtime.model;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the class path entries a model needs, so that a model trained in an application with
 * many libraries does not carry them all (an ONNX Runtime jar alone is 75 MB).
 *
 * <p>It follows class references from the model class and its generated adapter: class by class in
 * class folders and in the model's own jar (application code, where unrelated models may live
 * beside it), and jar by jar in libraries (a library's jar is kept whole once any of its classes is
 * used, and every class in it counts as used, because libraries load their own classes by name).
 * A reference is a class name in a class file's constant pool: type references, descriptors and
 * generic signatures, and, in application code, string constants naming a class (as
 * {@code Class.forName} takes them).
 * Jars that provide a service ({@code META-INF/services/<interface>}) for a used interface are kept
 * too, as {@link java.util.ServiceLoader} would find them.
 *
 * <p>What it cannot see is a class named only at run time from data (a file, a config). When such
 * a class is missing from the saved model, reference it from the model class, or turn the choice
 * off with {@code -Dmlflow4j.packaging=all}, which packages the whole class path.
 */
final class ClasspathSelector {
    /** The system property that turns the selection off: {@code all} packages every entry. */
    static final String PROPERTY = "mlflow4j.packaging";

    private static final String SERVICES = "META-INF/services/";
    private static final Logger LOG = LoggerFactory.getLogger(ClasspathSelector.class);
    private static final Map<String, JarSummary> JAR_CACHE = new ConcurrentHashMap<>();

    private ClasspathSelector() {}

    static boolean enabled() {
        return !"all".equalsIgnoreCase(System.getProperty(PROPERTY, "used").trim());
    }

    /**
     * The entries of {@code classpath} (in its order) that the roots need; {@code alwaysKept} are
     * kept whatever they hold, and are taken to need nothing else (mlflow4j's runtime and its
     * libraries). {@code applicationEntry} (the model class's location) is followed
     * class by class, like every class folder.
     */
    static List<Path> select(
            List<Path> classpath, Collection<Class<?>> roots, Path applicationEntry, Collection<Path> alwaysKept) {
        long start = System.nanoTime();
        try {
            List<Path> kept = new Walk(classpath, applicationEntry).run(roots, alwaysKept);
            LOG.debug(
                    "Kept {} of {} class path entries in {} ms",
                    kept.size(),
                    classpath.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not read the class path to choose the model's jars: " + e.getMessage(), e);
        }
    }

    /**
     * A library jar's classes and services, from its entry names; and, read only when the jar is
     * kept, the classes outside it that its classes name. Cached by path, size and time.
     */
    private static final class JarSummary {
        private final Path jar;
        private final Set<String> classes;
        private final Set<String> services;
        private Set<String> references;

        JarSummary(Path jar, Set<String> classes, Set<String> services) {
            this.jar = jar;
            this.classes = classes;
            this.services = services;
        }

        Set<String> classes() {
            return classes;
        }

        Set<String> services() {
            return services;
        }

        synchronized Set<String> references() throws IOException {
            if (references == null) {
                Set<String> refs = new HashSet<>();
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                        ZipEntry entry = e.nextElement();
                        if (entry.getName().endsWith(".class")) {
                            try (InputStream in = zip.getInputStream(entry)) {
                                refs.addAll(ClasspathSelector.references(in.readAllBytes(), false));
                            }
                        }
                    }
                }
                refs.removeAll(classes);
                references = Set.copyOf(refs);
            }
            return references;
        }
    }

    private static final class Walk {
        private final List<Path> classpath;
        private final Path applicationEntry;
        private final Map<String, Path> classToEntry = new HashMap<>();
        private final Map<Path, JarSummary> libraries = new HashMap<>();
        private final Map<String, List<Path>> serviceProviders = new HashMap<>();
        private final Set<Path> kept = new LinkedHashSet<>();
        private final Set<String> visitedClasses = new HashSet<>();
        private final Deque<String> pending = new ArrayDeque<>();
        private final Map<Path, String> reasons = new HashMap<>();
        private String current = "the model";

        Walk(List<Path> classpath, Path applicationEntry) throws IOException {
            this.classpath = classpath;
            this.applicationEntry = applicationEntry;
            for (Path entry : classpath) {
                Set<String> classes;
                Set<String> services;
                if (Files.isDirectory(entry) || entry.equals(applicationEntry)) {
                    classes = new HashSet<>();
                    services = new HashSet<>();
                    listEntry(entry, classes, services);
                } else {
                    JarSummary summary = summary(entry);
                    libraries.put(entry, summary);
                    classes = summary.classes();
                    services = summary.services();
                }
                for (String c : classes) {
                    classToEntry.putIfAbsent(c, entry);
                }
                for (String s : services) {
                    serviceProviders.computeIfAbsent(s, k -> new ArrayList<>()).add(entry);
                }
            }
        }

        List<Path> run(Collection<Class<?>> roots, Collection<Path> alwaysKept) throws IOException {
            current = "mlflow4j's runtime";
            // mlflow4j and its libraries: complete as listed, so their references need no reading.
            for (Path p : alwaysKept) {
                if (kept.add(p)) {
                    reasons.put(p, current);
                    JarSummary library = libraries.get(p);
                    if (library != null) {
                        visitedClasses.addAll(library.classes());
                    }
                }
            }
            current = "the model";
            for (Class<?> root : roots) {
                reference(root.getName().replace('.', '/'));
            }
            boolean changed = true;
            while (changed) {
                drain();
                changed = false;
                // Service providers of every service interface that is in use.
                for (Map.Entry<String, List<Path>> service : serviceProviders.entrySet()) {
                    if (visitedClasses.contains(service.getKey())) {
                        for (Path provider : service.getValue()) {
                            if (!kept.contains(provider)) {
                                current = "a provider of the service "
                                        + service.getKey().replace('/', '.');
                                keep(provider);
                                changed = true;
                            }
                        }
                    }
                }
            }
            List<Path> result = new ArrayList<>();
            for (Path entry : classpath) {
                if (kept.contains(entry)) {
                    result.add(entry);
                    LOG.debug("Packaging {}: used by {}", entry.getFileName(), reasons.get(entry));
                } else {
                    LOG.debug("Not packaging {}: the model does not use it", entry.getFileName());
                }
            }
            return result;
        }

        private void keep(Path entry) throws IOException {
            if (!kept.add(entry)) {
                return;
            }
            reasons.put(entry, current);
            JarSummary library = libraries.get(entry);
            if (library != null) {
                visitedClasses.addAll(library.classes());
                String before = current;
                current = entry.getFileName().toString();
                for (String ref : library.references()) {
                    reference(ref);
                }
                current = before;
            }
        }

        private void reference(String internalName) throws IOException {
            Path entry = classToEntry.get(internalName);
            if (entry == null || visitedClasses.contains(internalName)) {
                return;
            }
            if (libraries.containsKey(entry)) {
                String before = current;
                current = current + " (" + internalName.replace('/', '.') + ")";
                keep(entry);
                current = before;
            } else {
                if (kept.add(entry)) {
                    reasons.put(entry, current);
                }
                visitedClasses.add(internalName);
                pending.add(internalName);
            }
        }

        private void drain() throws IOException {
            while (!pending.isEmpty()) {
                String name = pending.poll();
                current = name.replace('/', '.');
                byte[] bytes = readClass(classToEntry.get(name), name);
                if (bytes != null) {
                    for (String ref : references(bytes, true)) {
                        reference(ref);
                    }
                }
            }
        }

        private byte[] readClass(Path entry, String name) throws IOException {
            if (Files.isDirectory(entry)) {
                Path file = entry.resolve(name + ".class");
                return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            }
            try (ZipFile zip = new ZipFile(entry.toFile())) {
                ZipEntry e = zip.getEntry(name + ".class");
                if (e == null) {
                    return null;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    return in.readAllBytes();
                }
            }
        }

        private static void listEntry(Path entry, Set<String> classes, Set<String> services) throws IOException {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> walk = Files.walk(entry)) {
                    for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                        String name = entry.relativize(file).toString().replace('\\', '/');
                        addName(name, classes, services);
                    }
                }
            } else {
                try (ZipFile zip = new ZipFile(entry.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                        addName(e.nextElement().getName(), classes, services);
                    }
                }
            }
        }

        private static void addName(String name, Set<String> classes, Set<String> services) {
            if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                String className = name.substring(0, name.length() - ".class".length());
                // Multi-release jars keep versioned copies under META-INF/versions/<n>/.
                if (className.startsWith("META-INF/versions/")) {
                    int slash = className.indexOf('/', "META-INF/versions/".length());
                    className = slash < 0 ? className : className.substring(slash + 1);
                }
                classes.add(className);
            } else if (name.startsWith(SERVICES) && name.length() > SERVICES.length() && !name.endsWith("/")) {
                services.add(name.substring(SERVICES.length()).replace('.', '/'));
            }
        }

        /** A library jar's summary, from the cache when the jar has not changed. */
        private static JarSummary summary(Path jar) throws IOException {
            String key = jar + "|" + Files.size(jar) + "|"
                    + Files.getLastModifiedTime(jar).toMillis();
            JarSummary cached = JAR_CACHE.get(key);
            if (cached != null) {
                return cached;
            }
            Set<String> classes = new HashSet<>();
            Set<String> services = new HashSet<>();
            listEntry(jar, classes, services);
            JarSummary summary = new JarSummary(jar, Set.copyOf(classes), Set.copyOf(services));
            JAR_CACHE.put(key, summary);
            return summary;
        }
    }

    /**
     * The class names (internal form, {@code a/b/C}) that a class file refers to: its class
     * constants, the names inside descriptors and generic signatures, and, when
     * {@code withStrings}, string constants that name a class in either form (as
     * {@code Class.forName} takes them). Names that are no class on the class path are dropped later.
     * Libraries are read without their strings: they hold names of classes they only mention (a
     * deny list of classes, a message), while a library's own {@code forName}s stay inside its jar.
     */
    static Set<String> references(byte[] classFile, boolean withStrings) throws IOException {
        Set<String> names = new HashSet<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                return names;
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classIndexes = new ArrayList<>();
            List<Integer> stringIndexes = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classIndexes.add(in.readUnsignedShort());
                    case 8 -> stringIndexes.add(in.readUnsignedShort());
                    case 3, 4 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++;
                    }
                    case 16, 19, 20 -> in.skipBytes(2);
                    case 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 15 -> in.skipBytes(3);
                    default -> i = count; // an unknown constant: use what was read
                }
            }
            for (String s : utf8) {
                if (s != null && s.indexOf(';') >= 0) { // descriptors and signatures
                    addDescriptorClasses(s, names);
                }
            }
            for (int index : classIndexes) {
                String name = index < count ? utf8[index] : null;
                if (name != null) {
                    names.add(
                            name.startsWith("[")
                                    ? name.replaceFirst("^\\[+L?", "").replace(";", "")
                                    : name);
                }
            }
            if (withStrings) {
                for (int index : stringIndexes) {
                    String s = index < count ? utf8[index] : null;
                    if (s != null && !s.isEmpty() && s.length() < 500 && s.indexOf(' ') < 0) {
                        names.add(s.replace('.', '/'));
                    }
                }
            }
        }
        return names;
    }

    /** Adds every {@code Lname;} or {@code Lname<} of a descriptor or generic signature. */
    private static void addDescriptorClasses(String s, Set<String> names) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) != 'L') {
                continue;
            }
            int j = i + 1;
            while (j < n) {
                char c = s.charAt(j);
                if (c == ';' || c == '<') {
                    break;
                }
                if (!(Character.isJavaIdentifierPart(c) || c == '/')) {
                    j = -1;
                    break;
                }
                j++;
            }
            if (j > i + 1 && j < n) {
                names.add(s.substring(i + 1, j));
                i = j;
            }
        }
    }
}
