package io.onecard.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * The base of every OneCard benchmark: one forked JVM with the Chronicle options and analytics off, so
 * that {@code java -jar benchmarks.jar} works as it is. JMH's {@code @Fork} is inherited.
 */
@Fork(value = 1, jvmArgsAppend = {JvmOptions.EXPORT_REF, JvmOptions.EXPORT_NIO, JvmOptions.EXPORT_MISC,
    JvmOptions.EXPORT_JAVAC, JvmOptions.OPEN_JAVAC, JvmOptions.OPEN_LANG, JvmOptions.OPEN_REFLECT, JvmOptions.OPEN_IO,
    JvmOptions.OPEN_UTIL, JvmOptions.NO_ANALYTICS, JvmOptions.HEAP})
public abstract class OneCardFork {
}
