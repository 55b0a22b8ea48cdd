package org.hashmatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  private static final List<String> BASE =
      List.of("--target", "http://localhost:8080", "--key", "k", "--scenario", "health");

  private static LoadOptions parse(String... more) {
    List<String> argv = new java.util.ArrayList<>(BASE);
    argv.addAll(List.of(more));
    return LoadOptions.parse(argv);
  }

  @Test
  void parse_fullCommandLine_readsEveryOption() {
    LoadOptions o =
        parse("--rate", "250.5", "--duration", "10", "--warmup", "3", "--connections", "4",
            "--seed", "9", "--bank", "b", "--out", "/tmp/x.json");
    assertThat(o.rate()).isEqualTo(250.5);
    assertThat(o.durationSeconds()).isEqualTo(10);
    assertThat(o.warmupSeconds()).isEqualTo(3);
    assertThat(o.connections()).isEqualTo(4);
    assertThat(o.seed()).isEqualTo(9);
    assertThat(o.bank()).isEqualTo("b");
    assertThat(o.scenario()).isEqualTo(Scenario.HEALTH);
    assertThat(o.target().port()).isEqualTo(8080);
    assertThat(o.findMax()).isFalse();
  }

  @Test
  void parse_badInput_usageErrorsNameTheProblem() {
    assertThatThrownBy(() -> parse("--duration", "1"))
        .isInstanceOf(UsageException.class).hasMessageContaining("--rate");
    assertThatThrownBy(() -> parse("--rate", "0", "--duration", "1"))
        .isInstanceOf(UsageException.class).hasMessageContaining("--rate").hasMessageContaining("got 0");
    assertThatThrownBy(() -> parse("--rate", "ten", "--duration", "1"))
        .isInstanceOf(UsageException.class).hasMessageContaining("'ten'");
    assertThatThrownBy(() -> parse("--rate", "1", "--duration", "1", "--bogus", "1"))
        .isInstanceOf(UsageException.class).hasMessageContaining("--bogus");
    assertThatThrownBy(() -> parse("--find-max"))
        .isInstanceOf(UsageException.class).hasMessageContaining("--p99-ms");
    assertThatThrownBy(() -> parse("--rate", "1", "--duration", "1", "--rate", "2"))
        .isInstanceOf(UsageException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> LoadOptions.parse(List.of("--target", "ftp://x", "--key", "k")))
        .isInstanceOf(UsageException.class).hasMessageContaining("http");
    assertThatThrownBy(() -> LoadOptions.parse(List.of("--target", "http://x", "--key", "k",
            "--scenario", "nope", "--rate", "1", "--duration", "1")))
        .isInstanceOf(UsageException.class).hasMessageContaining("match-hash");
    assertThatThrownBy(() -> LoadOptions.parse(List.of("--target", "http://x", "--key", "k",
            "--scenario", "match-image", "--rate", "1", "--duration", "1")))
        .isInstanceOf(UsageException.class).hasMessageContaining("--images");
  }

  @Test
  void parse_findMaxWithoutRate_usesDefaults() {
    LoadOptions o = parse("--find-max", "--p99-ms", "5");
    assertThat(o.findMax()).isTrue();
    assertThat(o.p99Millis()).isEqualTo(5);
    assertThat(o.rate()).isPositive();
  }

  @Test
  void target_parse_defaultsPortsAndKeepsPrefix() {
    assertThat(Target.parse("https://h/x/", "k")).isEqualTo(new Target("h", 443, true, "/x", "k"));
    assertThat(Target.parse("http://h", "k").uri("/healthz")).isEqualTo("/healthz");
  }
}
