package dev.berth.image;

import java.util.Optional;

/**
 * The answer to "can this identity do X to this path", with the evidence for a NO: the path
 * component that blocks and the node (whose origin says which instruction made it so).
 */
public record Access(Answer answer, Optional<String> blockingPath, Optional<Node> blockingNode,
    String reason) {

  public static Access yes() {
    return new Access(Answer.YES, Optional.empty(), Optional.empty(), "");
  }

  public static Access unknown(String reason) {
    return new Access(Answer.UNKNOWN, Optional.empty(), Optional.empty(), reason);
  }

  public static Access no(String path, Node node, String reason) {
    return new Access(Answer.NO, Optional.of(path), Optional.of(node), reason);
  }

  public boolean denied() {
    return answer == Answer.NO;
  }

  /** The path that denies access, for messages: {@code /app (mode 0755, owner 0:0)}. */
  public String blocking() {
    return blockingPath.orElseThrow() + " (" + blockingNode.orElseThrow().modeAndOwner() + ")";
  }
}
