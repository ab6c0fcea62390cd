package dev.accrue.bench.jmh;

import org.openjdk.jmh.annotations.Fork;

/**
 * The fork every benchmark of the engine's code runs in (JMH reads {@link Fork} from a superclass):
 * Chronicle's JVM flags, which a fork does not take from the jar's manifest, in one place.
 *
 * <p>The fork runs with a 512 MiB heap on purpose: members live off-heap, so the heap must not
 * grow with them. The idempotency table and the purchase index count as direct memory (4 GiB
 * interleaved in {@link BusinessLogicBenchmark}).
 */
@Fork(value = 1, jvmArgsAppend = {
        // Keep in step with chronicle.jvm.flags in the root pom.
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true",
        "-Dchronicle.announcer.disable=true",
        "-Xms512m", "-Xmx512m",
        "-XX:MaxDirectMemorySize=6g"})
public abstract class ChronicleFork {
}
