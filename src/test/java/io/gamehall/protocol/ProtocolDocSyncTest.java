package io.gamehall.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.table.TableError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md's lists of error, refusal and close codes against the enums the server sends
 * from, both ways, and the codes docs/security.md names: a code added to one side only fails here.
 */
class ProtocolDocSyncTest {
  private static String protocol;
  private static String security;

  @BeforeAll
  static void read() throws IOException {
    protocol = Files.readString(Path.of("docs", "protocol.md"));
    security = Files.readString(Path.of("docs", "security.md"));
  }

  /** The text from heading {@code heading} (a whole line) to the next heading of that level. */
  private static String section(String doc, String heading) {
    int start = doc.indexOf("\n" + heading + "\n");
    assertTrue(start >= 0, "no section '" + heading + "'");
    String level = heading.substring(0, heading.indexOf(' ') + 1);
    int end = doc.indexOf("\n" + level, start + heading.length() + 1);
    return doc.substring(start, end < 0 ? doc.length() : end);
  }

  private static Set<String> all(Pattern pattern, String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void theErrorCodeTableListsExactlyTheErrorCodeEnum() {
    Set<String> documented =
        all(Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|"), section(protocol, "## Error codes"));
    Set<String> sent =
        Arrays.stream(ErrorCode.values())
            .map(Enum::name)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(sent, documented);
  }

  @Test
  void theCloseCodeTableListsEveryCodeTheServerSendsAndMarksTheOthers() {
    Set<Integer> sent = new TreeSet<>();
    for (CloseCodes code : CloseCodes.values()) {
      sent.add(code.getCode());
    }
    Set<Integer> documented = new TreeSet<>();
    Set<Integer> notOurs = new TreeSet<>();
    Matcher row =
        Pattern.compile("(?m)^\\| (\\d{4}) \\| ([^|]*) \\| ([^|]*) \\|")
            .matcher(section(protocol, "## Close codes"));
    while (row.find()) {
      int code = Integer.parseInt(row.group(1));
      documented.add(code);
      if (row.group(2).contains("never sent") || row.group(3).startsWith("sent by the container")) {
        notOurs.add(code);
      }
    }
    Set<Integer> ours = new TreeSet<>(documented);
    ours.removeAll(notOurs);
    assertEquals(sent, ours, "close codes the application sends");
    for (int code : notOurs) {
      assertFalse(sent.contains(code), code + " is documented as not ours but CloseCodes has it");
    }
  }

  @Test
  void theRefusalCodesAreTheTableErrorEnumPlusTheGamesOwn() {
    String text = section(protocol, "### Refusal codes");
    int split = text.indexOf("the game's own");
    assertTrue(split > 0, text);
    Set<String> table = all(Pattern.compile("`([a-z_]+)`"), text.substring(0, split));
    Set<String> sent =
        Arrays.stream(TableError.values())
            .map(TableError::code)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(sent, table);
    Set<String> games = all(Pattern.compile("`([a-z_]+)`"), text.substring(split));
    assertTrue(games.contains("illegal") && games.contains("malformed"), games.toString());
  }

  @Test
  void securityMdNamesOnlyCodesTheServerSends() {
    Set<String> refusals = all(Pattern.compile("refusal `([a-z_]+)`"), security);
    Set<String> known = all(Pattern.compile("`([a-z_]+)`"), section(protocol, "### Refusal codes"));
    assertFalse(refusals.isEmpty());
    for (String code : refusals) {
      assertTrue(known.contains(code), "security.md names refusal " + code);
    }
    Set<String> errors = all(Pattern.compile("`error` `([A-Z_]+)`"), security);
    assertFalse(errors.isEmpty());
    for (String code : errors) {
      ErrorCode.valueOf(code);
    }
  }
}
