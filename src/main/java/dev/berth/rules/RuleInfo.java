package dev.berth.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A rule's metadata, read once from its {@link RuleMeta} annotation. */
public record RuleInfo(
    String id,
    String name,
    String summary,
    Severity severity,
    Category category,
    Precision precision,
    List<String> aliases,
    boolean enabledByDefault,
    Optional<String> securitySeverity) {

  public RuleInfo {
    aliases = List.copyOf(aliases);
  }

  /** A rule that is on by default, with no security severity of its own. */
  public RuleInfo(String id, String name, String summary, Severity severity, Category category,
      Precision precision, List<String> aliases) {
    this(id, name, summary, severity, category, precision, aliases, true, Optional.empty());
  }

  public static final String DOCS_BASE = "https://github.com/berth-lint/berth/blob/main/rules/";

  /**
   * Read once per class: an annotation's values come through a proxy, and sorting the registry by
   * id alone asked for them a thousand times (a third of a one-file run's rule set-up).
   */
  private static final ClassValue<RuleInfo> READ = new ClassValue<>() {
    @Override
    protected RuleInfo computeValue(Class<?> type) {
      return read(type);
    }
  };

  public static RuleInfo of(Class<? extends Rule> type) {
    return READ.get(type);
  }

  /** From the build's index when berth runs from its jar (no annotation read), else the annotation. */
  @SuppressWarnings("unchecked")
  private static RuleInfo read(Class<?> type) {
    Map<String, Object> e = RuleIndex.entry(type).orElseGet(() -> RuleIndex.describe(type));
    String securitySeverity = (String) e.get("securitySeverity");
    return new RuleInfo((String) e.get("id"), kebab(type.getSimpleName()), (String) e.get("summary"),
        Severity.valueOf((String) e.get("severity")), Category.valueOf((String) e.get("category")),
        Precision.valueOf((String) e.get("precision")), (List<String>) e.get("aliases"),
        (Boolean) e.get("enabledByDefault"),
        securitySeverity.isEmpty() ? Optional.empty() : Optional.of(securitySeverity));
  }

  public String helpUri() {
    return DOCS_BASE + id + ".md";
  }

  /** {@code CopyFromUnknownStage} → {@code copy-from-unknown-stage}. */
  static String kebab(String camel) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean prevLower = i > 0 && !Character.isUpperCase(camel.charAt(i - 1));
        boolean nextLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
        if (i > 0 && (prevLower || nextLower)) b.append('-');
        b.append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
