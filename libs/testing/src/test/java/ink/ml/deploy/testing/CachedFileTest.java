package ink.ml.deploy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedFileTest {
    @TempDir Path cache;

    @Test
    void aFileBeingMadeHoldsUpOnlyThoseWhoNeedItAndIsMadeOnce() throws Exception {
        Path slow = cache.resolve("slow.tar");
        Path other = cache.resolve("other.tar");
        CountDownLatch making = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger slowMade = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2);

        CompletableFuture<Path> first =
                CompletableFuture.supplyAsync(
                        () ->
                                make(
                                        slow,
                                        () -> {
                                            making.countDown();
                                            await(finish);
                                            slowMade.incrementAndGet();
                                            Files.writeString(slow, "slow");
                                        }),
                        threads);
        assertThat(making.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Path> second =
                CompletableFuture.supplyAsync(
                        () -> make(slow, () -> slowMade.incrementAndGet()), threads);

        // Another file is made while the slow one is still being made.
        assertThat(make(other, () -> Files.writeString(other, "other"))).hasContent("other");
        assertThat(second).isNotDone();

        finish.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).hasContent("slow");
        assertThat(second.get(30, TimeUnit.SECONDS)).hasContent("slow");
        assertThat(slowMade).as("times the slow file was made").hasValue(1);
        threads.shutdown();
    }

    private static Path make(Path file, CachedFile.Maker maker) {
        try {
            return CachedFile.makeOnce(file, maker);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
