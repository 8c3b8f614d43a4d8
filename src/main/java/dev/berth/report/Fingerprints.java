package dev.berth.report;

import dev.berth.project.Project;
import dev.berth.rules.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Stable identities for findings across runs, so code scanning keeps one alert per problem while
 * lines move: a hash of rule id, file and the trimmed text of the primary line, plus the
 * occurrence index of that same triple (two identical lines in one file stay distinct).
 * Line numbers are deliberately left out.
 */
public final class Fingerprints {
  /** The SARIF {@code partialFingerprints} key; bump the version if the recipe ever changes. */
  public static final String KEY = "berth/v1";

  private Fingerprints() {}

  /** One fingerprint per finding, in the given order (which must be the report order). */
  public static List<String> of(Project project, List<Finding> findings) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      String path = f.range().file();
      String line = project.source(path)
          .filter(s -> f.range().startLine() <= s.lineCount())
          .map(s -> s.lineText(f.range().startLine()).strip())
          .orElse("");
      String hash = sha256(f.rule().id() + '\0' + path + '\0' + line);
      int occurrence = seen.merge(hash, 1, Integer::sum);
      out.add(hash + ":" + occurrence);
    }
    return out;
  }

  /** 32 hex digits standing for a fingerprint, for formats that want a plain hash. */
  public static String hex(String fingerprint) {
    return sha256(fingerprint);
  }

  private static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
