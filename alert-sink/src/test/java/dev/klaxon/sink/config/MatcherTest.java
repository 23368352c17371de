package dev.klaxon.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MatcherTest {

  @Test
  void parsesTheFourOperatorsQuotedOrNot() {
    assertThat(Matcher.parse("severity=\"critical\"")).isEqualTo(new Matcher("severity", MatchOp.EQUAL, "critical"));
    assertThat(Matcher.parse("service != api")).isEqualTo(new Matcher("service", MatchOp.NOT_EQUAL, "api"));
    assertThat(Matcher.parse("route=~\"/api/.*\"")).isEqualTo(new Matcher("route", MatchOp.REGEX, "/api/.*"));
    assertThat(Matcher.parse("env!~\"dev|test\"")).isEqualTo(new Matcher("env", MatchOp.NOT_REGEX, "dev|test"));
    assertThat(Matcher.parse("msg=\"say \\\"hi\\\"\"").value()).isEqualTo("say \"hi\"");
  }

  @Test
  void printsBackInTheFormItParses() {
    for (String text : new String[] {"a=\"b\"", "a!=\"\"", "a=~\"x|y\"", "a!~\"q\\\"uote\""}) {
      assertThat(Matcher.parse(text).toString()).isEqualTo(text);
    }
  }

  @Test
  void regexesAreAnchoredAndMissingLabelsMatchAsEmpty() {
    Matcher api = Matcher.parse("route=~\"/api\"");
    assertThat(api.matches(Map.of("route", "/api"))).isTrue();
    assertThat(api.matches(Map.of("route", "/api/users"))).isFalse();
    assertThat(Matcher.parse("team=\"\"").matches(Map.of())).isTrue();
    assertThat(Matcher.parse("team!=\"a\"").matches(Map.of())).isTrue();
    assertThat(Matcher.parse("team!~\"a|b\"").matches(Map.of("team", "b"))).isFalse();
  }

  @Test
  void refusesBadLabelNamesAndRegexes() {
    assertThatThrownBy(() -> Matcher.parse("1abc=\"x\"")).hasMessageContaining("not a matcher");
    assertThatThrownBy(() -> Matcher.parse("a=~\"[\"")).hasMessageContaining("invalid regex");
  }

}
