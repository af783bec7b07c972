package io.onecard.ops.testing;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the real {@code onecard} main class in a child JVM with the test class path and the Chronicle options. */
public final class ChildMain {
    private ChildMain() {
    }

    public static ProcessBuilder builder(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "-Dchronicle.analytics.disable=true", "-ea"));
        command.add("-cp");
        String surefirePath = System.getProperty("surefire.test.class.path");
        command.add(System.getProperty("java.class.path")
            + (surefirePath == null ? "" : File.pathSeparator + surefirePath));
        command.add("io.onecard.ops.OneCardMain");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        withoutOneCardVariables(builder).putAll(environment);
        return builder;
    }

    /** Removes inherited {@code ONECARD_} variables, so that a test sees only the settings it gives. */
    public static Map<String, String> withoutOneCardVariables(ProcessBuilder builder) {
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("ONECARD_"));
        return environment;
    }
}
