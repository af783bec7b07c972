package io.onecard.ops.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The real {@code ops/onecard} launcher script, copied unchanged next to an up-to-date {@code target/onecard.jar}
 * so that it starts at once instead of building. The jar names the same main class as the shaded jar of the
 * build, and the module's own classes and dependencies as its class path: the launcher then runs the program
 * of this build with exactly the JVM options it gives every deployment. Building the jar from a clean tree is
 * {@code LauncherTest}'s part, because it takes minutes.
 */
public final class InstalledLauncher {
    /** The main class the shaded {@code onecard.jar} names in its manifest (see {@code ops/pom.xml}). */
    public static final String MAIN_CLASS = "io.onecard.ops.OneCardMain";

    private final Path script;

    private InstalledLauncher(Path script) {
        this.script = script;
    }

    /** Copies the launcher under {@code root/ops/} and writes {@code root/ops/target/onecard.jar} beside it. */
    public static InstalledLauncher install(Path root) throws IOException {
        Path source = Path.of(System.getProperty("user.dir"), "onecard");
        Path script = root.resolve("ops").resolve("onecard");
        Files.createDirectories(root.resolve("ops").resolve("target"));
        Files.copy(source, script, StandardCopyOption.COPY_ATTRIBUTES);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MAIN_CLASS);
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath()));
        try (OutputStream out = Files.newOutputStream(root.resolve("ops").resolve("target").resolve("onecard.jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return new InstalledLauncher(script);
    }

    /** The launcher's command line for {@code args}, with only the given {@code ONECARD_} settings. */
    public ProcessBuilder builder(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(script.getParent().toFile());
        Map<String, String> childEnvironment = ChildMain.withoutOneCardVariables(builder);
        childEnvironment.keySet().removeIf(name -> name.startsWith("MAVEN_") || name.equals("JAVA_TOOL_OPTIONS"));
        childEnvironment.put("ONECARD_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        childEnvironment.put("ONECARD_JAVA_OPTS", "-ea");
        childEnvironment.putAll(environment);
        return builder;
    }

    /** The JVM options the launcher gives every start, as its script lists them. */
    public List<String> jvmOptions() throws IOException {
        String text = Files.readString(script);
        int start = text.indexOf("chronicle_options=(");
        int end = text.indexOf(')', start);
        List<String> options = new ArrayList<>();
        for (String word : text.substring(start + "chronicle_options=(".length(), end).split("\\s+")) {
            if (!word.isBlank()) {
                options.add(word);
            }
        }
        return options;
    }

    private static List<String> classPath() {
        Set<String> entries = new LinkedHashSet<>();
        String surefirePath = System.getProperty("surefire.test.class.path");
        String path = System.getProperty("java.class.path") + (surefirePath == null ? ""
            : File.pathSeparator + surefirePath);
        for (String entry : path.split(File.pathSeparator)) {
            Path file = Path.of(entry).toAbsolutePath();
            if (!entry.isBlank() && Files.exists(file) && !file.getFileName().toString().startsWith("surefirebooter")) {
                entries.add(file.toUri().toString());
            }
        }
        return List.copyOf(entries);
    }
}
