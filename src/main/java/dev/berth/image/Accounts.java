package dev.berth.image;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The image's users and groups (/etc/passwd and /etc/group). Immutable; "with" methods return a
 * changed copy.
 *
 * @param complete every account is listed, so a name not found really does not exist
 */
public record Accounts(List<UserAccount> users, List<GroupAccount> groups, boolean complete) {

  public Accounts {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
  }

  public static Accounts empty(boolean complete) {
    return new Accounts(List.of(), List.of(), complete);
  }

  public Optional<UserAccount> user(String name) {
    return users.stream().filter(u -> u.name().equals(name)).reduce((a, b) -> b);
  }

  public Optional<UserAccount> userById(int uid) {
    return users.stream().filter(u -> u.uid() == uid).findFirst();
  }

  public Optional<GroupAccount> group(String name) {
    return groups.stream().filter(g -> g.name().equals(name)).reduce((a, b) -> b);
  }

  public Optional<GroupAccount> groupById(int gid) {
    return groups.stream().filter(g -> g.gid() == gid).findFirst();
  }

  /** Whether a user name exists: YES, NO (only when the list is complete), or UNKNOWN. */
  public Answer hasUser(String name) {
    Optional<UserAccount> u = user(name);
    if (u.isPresent()) return u.get().maybe() ? Answer.UNKNOWN : Answer.YES;
    return complete ? Answer.NO : Answer.UNKNOWN;
  }

  public Answer hasGroup(String name) {
    Optional<GroupAccount> g = group(name);
    if (g.isPresent()) return g.get().maybe() ? Answer.UNKNOWN : Answer.YES;
    return complete ? Answer.NO : Answer.UNKNOWN;
  }

  /** Whether the user, or with {@code group} the group, {@code name} exists. */
  public Answer has(String name, boolean group) {
    return group ? hasGroup(name) : hasUser(name);
  }

  /**
   * The user, or with {@code group} the group, {@code name} surely does not exist. A number is
   * an id, which needs no entry.
   */
  public boolean lacks(String name, boolean group) {
    return !name.matches("\\d+") && has(name, group) == Answer.NO;
  }

  public Accounts withUser(UserAccount u) {
    List<UserAccount> list = new ArrayList<>(users);
    list.removeIf(x -> x.name().equals(u.name()));
    list.add(u);
    return new Accounts(list, groups, complete);
  }

  public Accounts withGroup(GroupAccount g) {
    List<GroupAccount> list = new ArrayList<>(groups);
    list.removeIf(x -> x.name().equals(g.name()));
    list.add(g);
    return new Accounts(users, list, complete);
  }

  public Accounts withoutUser(String name) {
    List<UserAccount> list = new ArrayList<>(users);
    list.removeIf(x -> x.name().equals(name));
    return new Accounts(list, groups, complete);
  }

  /** Adds {@code user} as a supplementary member of {@code group} (no-op when unknown). */
  public Accounts withMember(String group, String user) {
    Optional<GroupAccount> g = group(group);
    if (g.isEmpty()) return this;
    Set<String> m = new HashSet<>(g.get().members());
    m.add(user);
    return withGroup(new GroupAccount(g.get().name(), g.get().gid(), m, g.get().maybe(),
        g.get().createdBy()));
  }

  /**
   * After a command that deletes or renumbers accounts in ways berth does not model (userdel,
   * groupmod, deluser …): every account may or may not still be there with its id, so none can
   * be the basis of a finding.
   */
  public Accounts uncertain() {
    return new Accounts(
        users.stream().map(u -> new UserAccount(u.name(), u.uid(), u.gid(), u.home(), u.shell(),
            true, u.createdBy())).toList(),
        groups.stream().map(g -> new GroupAccount(g.name(), g.gid(), g.members(), true,
            g.createdBy())).toList(),
        false);
  }

  /** An account set where nothing is known: every lookup answers UNKNOWN. */
  public Accounts incomplete() {
    return new Accounts(users, groups, false);
  }

  /** Supplementary groups of a user: every group listing it as a member. */
  public Set<Integer> supplementaryGids(String userName) {
    Set<Integer> gids = new HashSet<>();
    for (GroupAccount g : groups) {
      if (g.members().contains(userName)) gids.add(g.gid());
    }
    return gids;
  }
}
