package io.onecard.core.testing;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the test class path in a child JVM with the same JVM options as this one. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** Like {@link #builder}, without test frameworks on the class path and without the given options. */
    public static ProcessBuilder plainBuilder(Class<?> main, List<String> dropOptions, List<String> extraOptions,
                                              String... args) {
        ProcessBuilder builder = builder(main, extraOptions, args);
        List<String> command = new ArrayList<>(builder.command());
        command.removeAll(dropOptions);
        int classPath = command.indexOf("-cp") + 1;
        String filtered = java.util.Arrays.stream(command.get(classPath).split(File.pathSeparator))
            .filter(entry -> !entry.contains("junit") && !entry.contains("jqwik") && !entry.contains("surefire")
                && !entry.contains("opentest4j") && !entry.isEmpty())
            .collect(java.util.stream.Collectors.joining(File.pathSeparator));
        command.set(classPath, filtered);
        return builder.command(command);
    }

    public static ProcessBuilder builder(Class<?> main, List<String> extraOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent")) {
                command.add(option);
            }
        }
        String logging = System.getProperty("logback.configurationFile");
        if (logging != null) {
            command.add("-Dlogback.configurationFile=" + logging);
        }
        command.addAll(extraOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path") + File.pathSeparator + surefireClassPath());
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String surefireClassPath() {
        String path = System.getProperty("surefire.test.class.path");
        return path == null ? "" : path;
    }

    public static Process start(Class<?> main, List<String> extraOptions, String... args) throws IOException {
        return builder(main, extraOptions, args).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
