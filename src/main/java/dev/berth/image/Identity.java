package dev.berth.image;

import dev.berth.dockerfile.UserSpec;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The credentials a process runs with: uid, primary gid and supplementary gids, as resolved from
 * a USER value against the image's accounts. Unknown parts make permission answers UNKNOWN.
 *
 * @param spec the USER text as written ({@code app}, {@code 1000:1000}), for messages
 * @param groupsKnown false when supplementary groups could not be determined
 */
public record Identity(String spec, OptionalInt uid, OptionalInt gid, Set<Integer> groups,
    boolean groupsKnown) {

  public Identity {
    groups = Set.copyOf(groups);
  }

  public static final Identity ROOT = new Identity("root", OptionalInt.of(0), OptionalInt.of(0),
      Set.of(), true);

  public boolean isRoot() {
    return uid.isPresent() && uid.getAsInt() == 0;
  }

  /**
   * How messages name it after {@code keyword}: {@code user celery (uid 999)}, or
   * {@code USER app (uid 999)} for the image's USER.
   */
  public String describe(String keyword) {
    return keyword + " " + spec + (uid.isPresent() ? " (uid " + uid.getAsInt() + ")" : "");
  }

  /**
   * The {@code user:group} that {@code chown} gives a path to this identity with, where
   * {@code accounts} are the image's at that step: the group by its name when it has one. Empty
   * when the spec is a variable or names a user those accounts may lack.
   */
  public Optional<String> chownOwner(Accounts accounts) {
    UserSpec s = UserSpec.parse(spec);
    if (spec.contains("$")
        || !s.user().matches("\\d+") && accounts.hasUser(s.user()) != Answer.YES) {
      return Optional.empty();
    }
    if (s.group().isPresent()) return Optional.of(spec);
    return Optional.of(s.user() + ":" + (gid.isPresent() ? accounts.groupById(gid.getAsInt())
        .map(GroupAccount::name).orElse(String.valueOf(gid.getAsInt())) : s.user()));
  }

  /**
   * Resolves {@code user[:group]} as Docker does: names through /etc/passwd and /etc/group,
   * numbers as given; with no group, the user's primary group plus its supplementary groups
   * (Docker reads /etc/group for those); with an explicit group, only that group.
   */
  public static Identity resolve(String spec, Accounts accounts) {
    String userPart = spec;
    String groupPart = null;
    int colon = spec.indexOf(':');
    if (colon >= 0) {
      userPart = spec.substring(0, colon);
      groupPart = spec.substring(colon + 1);
    }
    OptionalInt uid = OptionalInt.empty();
    OptionalInt gid = OptionalInt.empty();
    String name = null;
    if (userPart.matches("\\d{1,10}")) {
      long n = Long.parseLong(userPart);
      if (n <= Integer.MAX_VALUE) uid = OptionalInt.of((int) n);
      var u = uid.isPresent() ? accounts.userById(uid.getAsInt()) : java.util.Optional.<UserAccount>empty();
      if (u.isPresent() && !u.get().maybe()) {
        gid = OptionalInt.of(u.get().gid());
        name = u.get().name();
      } else if (accounts.complete() && uid.isPresent()) {
        gid = OptionalInt.of(0); // a uid missing from /etc/passwd runs with gid 0
      }
    } else {
      var u = accounts.user(userPart);
      if (u.isPresent() && !u.get().maybe()) {
        uid = OptionalInt.of(u.get().uid());
        gid = OptionalInt.of(u.get().gid());
        name = u.get().name();
      }
    }
    boolean groupsKnown = accounts.complete() || name != null;
    Set<Integer> groups = name == null ? Set.of() : accounts.supplementaryGids(name);
    if (groupPart != null) {
      groupsKnown = true;
      groups = Set.of();
      if (groupPart.matches("\\d{1,9}")) {
        gid = OptionalInt.of(Integer.parseInt(groupPart));
      } else {
        var g = accounts.group(groupPart);
        gid = g.isPresent() && !g.get().maybe() ? OptionalInt.of(g.get().gid()) : OptionalInt.empty();
      }
    }
    return new Identity(spec, uid, gid, groups, groupsKnown);
  }
}
