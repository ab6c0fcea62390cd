package dev.accrue.bench.load;

import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcErrorException;

import java.net.ConnectException;

/** Names a failed call by its gRPC status, or by what went wrong when there is none. */
final class GrpcErrors {
    private GrpcErrors() {
    }

    static String statusOf(Throwable failure) {
        if (failure instanceof InvalidStatusException e) {
            return e.actualStatus().name();
        }
        if (failure instanceof GrpcErrorException e) {
            return e.status().name();
        }
        if (failure instanceof ConnectException) {
            return "UNAVAILABLE(connect)";
        }
        return failure.getClass().getSimpleName();
    }
}
