package dev.berth.image;

import dev.berth.source.Range;
import java.util.Optional;
import java.util.Set;

/** One /etc/group entry; {@code members} are supplementary members by user name. */
public record GroupAccount(String name, int gid, Set<String> members, boolean maybe,
    Optional<Range> createdBy) {
  public GroupAccount {
    members = Set.copyOf(members);
  }
}
