package dev.accrue.engine.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The class Chronicle Map would otherwise generate and compile at every start
 * ({@code net/openhft/chronicle/hash/VanillaGlobalMutableState$$Native.java} in the engine's sources).
 */
class ChronicleGeneratedCodeTest {
    private static final String GLOBAL_STATE = "net.openhft.chronicle.hash.VanillaGlobalMutableState";
    private static final Path SHIPPED = Path.of("src/main/java/net/openhft/chronicle/hash/VanillaGlobalMutableState$$Native.java");

    @TempDir
    Path dir;

    @Test
    void theShippedGlobalStateClassIsWhatChronicleGeneratesForIt() throws Exception {
        Class<?> model = Class.forName("net.openhft.chronicle.values.ValueModel");
        Object valueModel = model.getMethod("acquire", Class.class).invoke(null, Class.forName(GLOBAL_STATE));
        Method simpleName = model.getDeclaredMethod("simpleName");
        simpleName.setAccessible(true);
        String className = simpleName.invoke(valueModel) + (String) model.getField("$$NATIVE").get(null);
        Method generate = Class.forName("net.openhft.chronicle.values.Generators")
                .getDeclaredMethod("generateNativeClass", model, String.class);
        generate.setAccessible(true);

        String generated = (String) generate.invoke(null, valueModel, className);

        String shipped = Files.readAllLines(SHIPPED).stream()
                .dropWhile(line -> line.startsWith("//"))
                .collect(Collectors.joining("\n"));
        assertEquals(generated.strip(), shipped.strip(), "regenerate " + SHIPPED + " for this Chronicle Map version");
    }

    @Test
    void theMemberMapOpensWithTheShippedClassNotOneCompiledAtRunTime() throws Exception {
        try (ChronicleMemberStore store = ChronicleMemberStore.open(dir.resolve("members.cm3").toFile(), 1_000)) {
            assertEquals(0, store.count());
        }
        Class<?> used = Class.forName(GLOBAL_STATE + "$$Native");
        CodeSource source = used.getProtectionDomain().getCodeSource();
        // A class Chronicle compiles in the process is defined from bytes, without a code source.
        assertNotNull(source, "compiled at run time");
        assertNotNull(source.getLocation(), "compiled at run time");
    }
}
