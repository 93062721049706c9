package io.slipway.workload.addons;

import org.jboss.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JVM's handlers of the termination signals, taken back after a call into helm-java's native (Go) library.
 * <p>
 * Its template, an install run client-only, calls Go's {@code signal.Notify} for SIGINT and SIGTERM; in a Go library
 * loaded into another process that makes the Go runtime install its own process-wide handlers in place of the JVM's,
 * for good (helm-java issue 409). The operator then ignored SIGTERM: no shutdown hooks, no graceful stop, and a pod
 * that waits out its grace period before the kubelet kills it. Registering the JVM's own handlers again puts them
 * back at the OS level.
 */
final class JvmSignalHandlers {
    private static final Logger LOG = Logger.getLogger(JvmSignalHandlers.class);
    private static final List<String> TERMINATION = List.of("TERM", "INT", "HUP");
    /** The JVM's handlers, taken when this class is first used: before the first call into the native library. */
    private static final Map<String, SignalHandler> JVM = current();

    private JvmSignalHandlers() {
    }

    /** Makes sure the JVM's handlers are known: call before the native library is first used. */
    static void remember() {
        // the class initializer did it
    }

    /** Registers the JVM's handlers again, whatever a native library installed since. */
    static void restore() {
        JVM.forEach((name, handler) -> {
            try {
                Signal.handle(new Signal(name), handler);
            } catch (IllegalArgumentException e) { // a signal the VM keeps to itself (-Xrs)
                LOG.debugf("cannot take SIG%s back: %s", name, e.getMessage());
            }
        });
    }

    private static Map<String, SignalHandler> current() {
        Map<String, SignalHandler> handlers = new LinkedHashMap<>();
        for (String name : TERMINATION) {
            Signal signal = new Signal(name);
            // the only way to read a handler is to replace it: the stand-in passes a signal that comes meanwhile on
            AtomicReference<SignalHandler> previous = new AtomicReference<>();
            SignalHandler standIn = s -> {
                SignalHandler handler = previous.get();
                if (handler != null) {
                    handler.handle(s);
                }
            };
            try {
                previous.set(Signal.handle(signal, standIn));
                Signal.handle(signal, previous.get());
                handlers.put(name, previous.get());
            } catch (IllegalArgumentException e) {
                LOG.debugf("SIG%s is not the JVM's to hand over: %s", name, e.getMessage());
            }
        }
        return handlers;
    }
}
