package org.hashmatch.bench.load;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a fresh {@link StandInService} on its own Vert.x for each test, and stops both after. */
abstract class StandInTestBase {
  Vertx vertx;
  StandInService standIn;

  @BeforeEach
  void startStandIn() {
    vertx = Vertx.vertx();
    standIn = StandInService.start(vertx);
  }

  @AfterEach
  void stopStandIn() {
    standIn.close();
    BankApi.await(vertx.close(), "close");
  }
}
