package dev.klaxon.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final AtomicLong now = new AtomicLong();
  private final TokenBucket bucket = new TokenBucket(10, 20, now::get);

  @Test
  void admitsUpToTheBucketThenWaitsForRefill() {
    assertThat(bucket.tryTake(15)).isZero();
    assertThat(bucket.tryTake(5)).isZero();
    long wait = bucket.tryTake(5);
    assertThat(wait).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500)); // 5 tokens at 10/s

    now.addAndGet(wait);
    assertThat(bucket.tryTake(5)).isZero();
  }

  @Test
  void aBatchLargerThanTheBucketPassesWhenFullAndLeavesADebt() {
    assertThat(bucket.tryTake(50)).isZero();
    // 30 in debt: one event needs 31 tokens of refill, 3.1 s.
    assertThat(bucket.waitForAny()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(3100));
  }

  @Test
  void refundGivesBackTokensUpToCapacity() {
    bucket.tryTake(20);
    bucket.refund(20);
    assertThat(bucket.tryTake(20)).isZero();
    bucket.refund(100);
    assertThat(bucket.tryTake(21)).isZero(); // capped at 20, which a 21-event batch needs
    assertThat(bucket.waitForAny()).isPositive();
  }
}
