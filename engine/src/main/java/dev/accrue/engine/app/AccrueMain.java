package dev.accrue.engine.app;

/**
 * Runs the engine: {@code java -jar accrue-engine.jar [--config=FILE] [--key=value ...]}.
 * With no arguments it runs the embedded demo: data under ./data, gRPC on 9090.
 */
public final class AccrueMain {
    private AccrueMain() {
    }

    public static void main(String[] args) throws Exception {
        EngineOptions options;
        try {
            options = ConfigFile.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("accrue: " + e.getMessage());
            System.exit(2);
            return;
        }
        AccrueEngine engine;
        try {
            engine = AccrueEngine.start(options);
        } catch (DataDirectoryInUseException e) {
            System.err.println("accrue: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "accrue-shutdown"));
    }
}
