package io.slipway.workload.addons;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.marcnuri.helm.Helm;

import java.nio.file.Files;
import java.nio.file.Path;

/** A JVM that renders a chart with the operator's renderer, says so, and waits (its shutdown hook writes the file named by its argument): what {@link ChartRendererSignalsTest} stops. */
public final class RenderThenWaitMain {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("render-then-wait");
        Helm.create().withName("probe").withDir(dir).call();
        int objects = new ChartRenderer(dir.resolve("work")).render(dir.resolve("probe"), "probe", "default", null,
                JsonNodeFactory.instance.objectNode()).size();
        Path hooksRan = Path.of(args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(hooksRan, "shutdown hooks ran");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        System.out.println("rendered " + objects + " objects");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
