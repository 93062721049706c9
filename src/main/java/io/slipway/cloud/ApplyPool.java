package io.slipway.cloud;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded set of threads that cloud changes run on. One per operator, shared by every engine and every
 * reconcile, so that the number of calls in flight does not grow with the number of clusters. A reconcile thread
 * only waits for its own changes, and changes never wait for each other inside the pool, so sharing cannot
 * deadlock. Its threads are daemons: a pool nobody closes never keeps a JVM alive.
 */
public final class ApplyPool implements AutoCloseable {
    private static final long IDLE_SECONDS = 30;
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final ExecutorService executor;
    private final int size;

    public ApplyPool(int size, String threadNamePrefix) {
        if (size < 1) {
            throw new IllegalArgumentException("an apply pool needs at least one thread");
        }
        this.size = size;
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(() -> {
                        INSIDE.set(Boolean.TRUE);
                        task.run();
                    }, threadNamePrefix + "-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        // idle threads end, so a pool that is dropped without close() costs nothing for long
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    public int size() {
        return size;
    }

    /** True on a thread of any apply pool: work started there runs inline, since waiting on the pool could starve it. */
    static boolean onPoolThread() {
        return INSIDE.get();
    }

    ExecutorService executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
