package dev.berth.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How messages name an identity, and the owner a chown fix hands a path to. */
class IdentityTest {
  private static final Accounts ACCOUNTS = new Accounts(
      List.of(new UserAccount("app", 1000, 1000, "/home/app", "/bin/sh", false, Optional.empty())),
      List.of(new GroupAccount("app", 1000, Set.of(), false, Optional.empty())), true);

  @Test
  void namesTheSpecAfterTheKeywordWithTheUidWhenKnown() {
    assertEquals("USER app (uid 1000)", Identity.resolve("app", ACCOUNTS).describe("USER"));
    assertEquals("user ghost", Identity.resolve("ghost", ACCOUNTS).describe("user"));
  }

  @Test
  void chownOwnerNamesTheGroupWhereTheImageHasIt() {
    assertEquals(Optional.of("app:app"), Identity.resolve("app", ACCOUNTS).chownOwner(ACCOUNTS));
    assertEquals(Optional.of("app:staff"),
        Identity.resolve("app:staff", ACCOUNTS).chownOwner(ACCOUNTS));
    // a uid without an /etc/passwd entry runs with gid 0, which this image does not name
    assertEquals(Optional.of("1001:0"), Identity.resolve("1001", ACCOUNTS).chownOwner(ACCOUNTS));
  }

  @Test
  void noChownOwnerForAMissingUserOrAVariable() {
    assertEquals(Optional.empty(), Identity.resolve("ghost", ACCOUNTS).chownOwner(ACCOUNTS));
    Identity variable = new Identity("$APP_USER", OptionalInt.of(1000), OptionalInt.of(1000),
        Set.of(), true);
    assertEquals(Optional.empty(), variable.chownOwner(ACCOUNTS));
  }
}
