package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.SpendWindow;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopSpendersTest {

  private static final long DAY = 86_400_000L;

  @Test
  void ranksUsersByTheirLatestRunningTotalOfTheDay() {
    TopSpenders top = new TopSpenders();
    top.accept(day("ada", "*", 0, "1.50", 10));
    top.accept(day("bot", "*", 0, "12.25", 40));
    top.accept(day("ada", "*", 0, "2.75", 14));
    top.accept(day("bot", "*", 0, "3.00", 12)); // an older running total, from another partition, arriving late

    assertThat(top.top(10)).extracting(SpendWindow::getUserId).containsExactly("bot", "ada");
    assertThat(top.top(10).get(0).getCostUsd()).isEqualByComparingTo("12.25");
    assertThat(top.top(1)).hasSize(1);
  }

  @Test
  void onlyUserTotalsOfDaysCount() {
    TopSpenders top = new TopSpenders();
    top.accept(day("ada", "openai", 0, "9", 1));
    SpendWindow service = day("*", "*", 0, "99", 1);
    service.setService("llm-gateway");
    top.accept(service);
    SpendWindow month = day("grace", "*", 0, "5", 1);
    month.setGranularity("month");
    top.accept(month);

    assertThat(top.top(10)).isEmpty();
    assertThat(top.render(10)).isEmpty();
  }

  @Test
  void aNewDayStartsAFreshRanking() {
    TopSpenders top = new TopSpenders();
    top.accept(day("ada", "*", DAY, "4", 1));
    top.accept(day("bot", "*", 2 * DAY, "1", 1));
    top.accept(day("grace", "*", DAY, "8", 1)); // yesterday's, closed late

    assertThat(top.top(10)).extracting(SpendWindow::getUserId).containsExactly("bot");
  }

  @Test
  void rendersDollarsCallsAndTokens() {
    TopSpenders top = new TopSpenders();
    SpendWindow bot = day("batch-bot-7", "*", 0, "17.126", 120);
    bot.setUnits(Map.of("tokens", 2_854_000.0));
    top.accept(bot);

    List<String> lines = top.render(5).lines().toList();
    assertThat(lines.get(0)).contains("top spenders today");
    assertThat(lines.get(2)).contains("batch-bot-7", "17.13", "120", "2,854,000");
  }

  private static SpendWindow day(String user, String provider, long start, String usd, long events) {
    return SpendWindow.newBuilder().setUserId(user).setProvider(provider).setGranularity("day").setWindowStart(start)
        .setWindowEnd(start + DAY).setCostUsd(new BigDecimal(usd).setScale(9)).setEvents(events).build();
  }
}
