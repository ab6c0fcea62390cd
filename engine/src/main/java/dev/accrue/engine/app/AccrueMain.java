package dev.accrue.engine.app;

/**
 * Runs the engine: {@code java -jar accrue-engine.jar [--config=FILE] [--key=value ...]}.
 * With no arguments it runs the embedded demo: data under ./data, gRPC on 9090.
 */
public final class AccrueMain {
    /** Exit statuses of a start refused for a reason the message says in full (no stack trace). */
    private static final int BAD_ARGUMENTS = 2;
    private static final int DATA_DIRECTORY_IN_USE = 1;

    private AccrueMain() {
    }

    public static void main(String[] args) throws Exception {
        EngineOptions options;
        try {
            options = ConfigFile.fromArgs(args);
        } catch (IllegalArgumentException e) {
            refuse(e, BAD_ARGUMENTS);
            return;
        }
        AccrueEngine engine;
        try {
            engine = AccrueEngine.start(options);
        } catch (DataDirectoryInUseException e) {
            refuse(e, DATA_DIRECTORY_IN_USE);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "accrue-shutdown"));
    }

    private static void refuse(RuntimeException why, int status) {
        System.err.println("accrue: " + why.getMessage());
        System.exit(status);
    }
}
