package io.gamehall.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.SendResult;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The outbox against a transport whose completions the test releases by hand. */
class OutboxTest {
  /** Records sends and holds their completion callbacks until the test completes them. */
  private static final class HeldTransport implements Outbox.Transport {
    final List<String> sent = new ArrayList<>();
    final ArrayDeque<Consumer<SendResult>> pending = new ArrayDeque<>();

    @Override
    public void sendAsync(String text, Consumer<SendResult> done) {
      sent.add(text);
      pending.add(done);
    }

    void completeOne(SendResult result) {
      pending.poll().accept(result);
    }
  }

  private final HeldTransport transport = new HeldTransport();
  private final AtomicInteger overflows = new AtomicInteger();
  private final List<Throwable> failures = new ArrayList<>();
  private final Outbox outbox = new Outbox(transport, 3, overflows::incrementAndGet, failures::add);

  @Test
  void onlyOneSendIsInFlightAndTheRestFollowInOrder() {
    for (String m : List.of("a", "b", "c", "d")) {
      assertTrue(outbox.offer(m));
    }
    assertEquals(
        List.of("a"), transport.sent, "the next send starts only when the previous one completes");
    assertEquals(3, outbox.depth());
    while (!transport.pending.isEmpty()) {
      transport.completeOne(new SendResult());
    }
    assertEquals(List.of("a", "b", "c", "d"), transport.sent);
    assertEquals(0, outbox.depth());
    assertTrue(outbox.offer("e"), "an idle outbox sends at once again");
    assertEquals("e", transport.sent.get(4));
  }

  @Test
  void aClientThatDoesNotReadOverflowsOnceAndGetsNothingMore() {
    outbox.offer("in flight");
    for (int i = 0; i < 3; i++) {
      assertTrue(outbox.offer("queued " + i));
    }
    assertFalse(outbox.offer("one too many"));
    assertEquals(1, overflows.get());
    assertFalse(outbox.offer("after"));
    assertEquals(1, overflows.get(), "overflow is reported once");
    transport.completeOne(new SendResult());
    assertEquals(
        List.of("in flight"),
        transport.sent,
        "queued messages of an overflowed client are dropped");
  }

  @Test
  void aFailedSendStopsTheOutboxAndReportsTheCause() {
    outbox.offer("a");
    outbox.offer("b");
    IOException broken = new IOException("broken pipe");
    transport.completeOne(new SendResult(broken));
    assertEquals(List.of(broken), failures);
    assertFalse(outbox.offer("c"));
    assertEquals(List.of("a"), transport.sent);
  }

  @Test
  void finishRunsOnceTheLastQueuedMessageIsWrittenAndRefusesLaterOnes() {
    AtomicInteger finished = new AtomicInteger();
    outbox.offer("in flight");
    outbox.offer("last answer");
    outbox.finish(finished::incrementAndGet);
    assertFalse(outbox.offer("too late"), "nothing after the last message");
    transport.completeOne(new SendResult());
    assertEquals(0, finished.get(), "the last answer is still being written");
    transport.completeOne(new SendResult());
    assertEquals(1, finished.get(), "the close follows the last answer");
    assertEquals(List.of("in flight", "last answer"), transport.sent);

    Outbox idle = new Outbox(transport, 3, overflows::incrementAndGet, failures::add);
    AtomicInteger now = new AtomicInteger();
    idle.finish(now::incrementAndGet);
    assertEquals(1, now.get(), "nothing in flight: at once");
  }
}
