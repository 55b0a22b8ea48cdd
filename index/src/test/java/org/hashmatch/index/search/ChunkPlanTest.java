package org.hashmatch.index.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunkPlanTest {

  @Test
  void even_256In11_narrowFirst() {
    ChunkPlan p = ChunkPlan.even(256, 11);
    assertThat(p.toString()).isEqualTo("11x[23,23,23,23,23,23,23,23,24,24,24]");
    assertThat(p.start(10)).isEqualTo(232);
  }

  @Test
  void budget_radius31Over11Chunks_twoInFirstTenOneInLast() {
    ChunkPlan p = ChunkPlan.even(256, 11);
    for (int c = 0; c < 10; c++) {
      assertThat(p.budget(c, 31)).isEqualTo(2);
    }
    assertThat(p.budget(10, 31)).isEqualTo(1);
    assertThat(p.budget(0, 5)).isZero();
    assertThat(p.budget(6, 5)).isEqualTo(-1);
  }

  @Test
  void forSize_widerChunksForLargerTables() {
    assertThat(ChunkPlan.forSize(256, 10_000_000).chunks()).isEqualTo(11);
    assertThat(ChunkPlan.forSize(256, 1_000_000).chunks()).isEqualTo(11);
    assertThat(ChunkPlan.forSize(256, 100_000).chunks()).isEqualTo(13);
    assertThat(ChunkPlan.forSize(256, 1000).chunks()).isEqualTo(16);
    assertThat(ChunkPlan.forSize(64, 10_000_000).chunks()).isEqualTo(3);
  }

  @Test
  void of_badWidths_throwWithValues() {
    assertThatThrownBy(() -> ChunkPlan.of(256, 128, 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 128");
    assertThatThrownBy(() -> ChunkPlan.of(256, 20, 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to 256, got 40");
    assertThatThrownBy(() -> ChunkPlan.of(100, 50, 50))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
