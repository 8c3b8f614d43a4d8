package dev.berth.report;

import com.contrastsecurity.sarif.ArtifactChange;
import com.contrastsecurity.sarif.ArtifactContent;
import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.OriginalUriBaseIds;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.Replacement;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.RunAutomationDetails;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.project.Project;
import dev.berth.rules.Aliases;
import dev.berth.rules.Analysis;
import dev.berth.rules.Category;
import dev.berth.rules.Finding;
import dev.berth.rules.Fix;
import dev.berth.rules.Related;
import dev.berth.rules.RuleInfo;
import dev.berth.rules.Severity;
import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import dev.berth.source.TextEdit;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * SARIF 2.1.0 in the subset GitHub code scanning reads: rule metadata with help from the rule
 * pages, root-relative URIs under {@code %SRCROOT%} (declared in {@code originalUriBaseIds} as
 * the root's file URI), berth's own partial fingerprint plus GitHub's
 * {@code primaryLocationLineHash} ({@link LineHashes}), an {@code automationDetails.id} when a
 * category is given, in-source suppressions and load problems as tool execution notifications.
 *
 * <p>GitHub's upload limits are kept: it rejects a run with more than 25,000 results and a result
 * with more than 1,000 locations (and shows only 100), so results past 25,000 are left out, most
 * severe kept first, with a warning notification saying how many; related locations past 100 are
 * left out of their result.
 */
public final class SarifReporter implements Reporter {
  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  public static final String INFORMATION_URI = "https://github.com/berth-lint/berth";
  static final String SRCROOT = "%SRCROOT%";
  /** GitHub code scanning refuses a run with more results than this. */
  static final int MAX_RESULTS = 25_000;
  /** GitHub shows only this many locations of a result (and refuses more than 1,000). */
  static final int MAX_RELATED = 100;

  private final String version;
  private final Optional<String> category;
  private final Function<String, Optional<RulePage>> pages;
  private final int maxResults;

  public SarifReporter(String version) {
    this(version, Optional.empty());
  }

  /** @param category the analysis category GitHub keeps results apart by ({@code --sarif-category}) */
  public SarifReporter(String version, Optional<String> category) {
    this(version, category, RuleDocs::page, MAX_RESULTS);
  }

  SarifReporter(String version, Function<String, Optional<RulePage>> pages) {
    this(version, Optional.empty(), pages, MAX_RESULTS);
  }

  SarifReporter(String version, Optional<String> category,
      Function<String, Optional<RulePage>> pages, int maxResults) {
    this.version = version;
    this.category = category;
    this.pages = pages;
    this.maxResults = maxResults;
  }

  @Override
  public void write(Analysis analysis, Project project, OutputStream out) throws IOException {
    ObjectMapper mapper = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .addMixIn(Result.class, AlwaysResultLevel.class)
        .addMixIn(ReportingConfiguration.class, AlwaysConfigurationLevel.class)
        .addMixIn(Notification.class, AlwaysNotificationLevel.class);
    out.write(mapper.writeValueAsBytes(log(analysis, project)));
    out.write('\n');
    out.flush();
  }

  /*
   * java-sarif omits values equal to the schema default, so a "warning" level would vanish. For a
   * result that is wrong, not cosmetic: an absent level means the rule's default level, which a
   * severity override in .berth.yaml may have changed. These mix-ins keep both levels explicit.
   */
  private abstract static class AlwaysResultLevel {
    @JsonInclude(JsonInclude.Include.ALWAYS)
    abstract Result.Level getLevel();
  }

  private abstract static class AlwaysConfigurationLevel {
    @JsonInclude(JsonInclude.Include.ALWAYS)
    abstract ReportingConfiguration.Level getLevel();
  }

  private abstract static class AlwaysNotificationLevel {
    @JsonInclude(JsonInclude.Include.ALWAYS)
    abstract Notification.Level getLevel();
  }

  SarifSchema210 log(Analysis analysis, Project project) {
    List<RuleInfo> rules = rulesOf(analysis);
    Map<String, Integer> index = new LinkedHashMap<>();
    Set<ReportingDescriptor> descriptors = new LinkedHashSet<>();
    for (RuleInfo r : rules) {
      index.put(r.id(), index.size());
      descriptors.add(descriptor(r));
    }
    List<String> fingerprints = Fingerprints.of(project, analysis.findings());
    Set<Integer> kept = kept(analysis.findings());
    Map<String, String[]> lineHashes = new HashMap<>();
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < analysis.findings().size(); i++) {
      if (!kept.contains(i)) continue;
      Finding f = analysis.findings().get(i);
      Result r = result(f, index.get(f.rule().id()), fingerprints.get(i), project);
      lineHash(f.range(), project, lineHashes).ifPresent(h ->
          r.getPartialFingerprints().withAdditionalProperty(LINE_HASH, h));
      results.add(r);
    }
    List<Notification> notifications = new ArrayList<>();
    for (Diagnostic d : analysis.diagnostics()) notifications.add(notification(d));
    int left = analysis.findings().size() - kept.size();
    if (left > 0) {
      notifications.add(new Notification().withLevel(Notification.Level.WARNING)
          .withMessage(new Message().withText(left + " of " + analysis.findings().size()
              + " results left out: GitHub code scanning refuses a run with more than "
              + maxResults + "; the most severe are kept (use --format json for all)")));
    }
    Invocation invocation = new Invocation()
        .withExecutionSuccessful(analysis.diagnostics().stream().noneMatch(Diagnostic::isError))
        .withToolExecutionNotifications(notifications);
    ToolComponent driver = new ToolComponent()
        .withName("berth")
        .withVersion(version)
        .withSemanticVersion(version)
        .withInformationUri(URI.create(INFORMATION_URI))
        .withRules(descriptors);
    Run run = new Run()
        .withTool(new Tool().withDriver(driver))
        .withOriginalUriBaseIds(new OriginalUriBaseIds().withAdditionalProperty(SRCROOT,
            new ArtifactLocation().withUri(rootUri(project))))
        .withInvocations(List.of(invocation))
        .withColumnKind(Run.ColumnKind.UTF_16_CODE_UNITS)
        .withResults(results);
    category.ifPresent(c -> run.withAutomationDetails(new RunAutomationDetails()
        .withId(c.endsWith("/") ? c : c + "/")));
    return new SarifSchema210()
        .with$schema(URI.create(SCHEMA))
        .withVersion(SarifSchema210.Version._2_1_0)
        .withRuns(List.of(run));
  }

  /** The key GitHub's upload action fills in when absent; berth computes it the same way. */
  static final String LINE_HASH = "primaryLocationLineHash";

  /**
   * The root as the absolute file URI {@code %SRCROOT%} stands for, ending in "/" as SARIF
   * requires of a base; GitHub resolves the relative URIs against the checkout instead.
   */
  private static String rootUri(Project project) {
    String u = project.root().toAbsolutePath().normalize().toUri().toString();
    return u.endsWith("/") ? u : u + "/";
  }

  /**
   * The indexes of the findings to write: all of them up to the limit; past it, the most severe
   * (active before suppressed, then error, warning, note; report order among equals).
   */
  private Set<Integer> kept(List<Finding> findings) {
    Set<Integer> all = new HashSet<>();
    for (int i = 0; i < findings.size(); i++) all.add(i);
    if (findings.size() <= maxResults) return all;
    List<Integer> order = new ArrayList<>(all);
    order.sort(Comparator.comparing((Integer i) -> findings.get(i).suppressed())
        .thenComparing(i -> findings.get(i).severity())
        .thenComparing(i -> i));
    return new HashSet<>(order.subList(0, maxResults));
  }

  /** GitHub's line hash of the primary location's start line, when berth holds the file's text. */
  private static Optional<String> lineHash(Range r, Project project, Map<String, String[]> cache) {
    Optional<SourceFile> src = project.source(r.file());
    if (src.isEmpty()) return Optional.empty();
    String[] hashes = cache.computeIfAbsent(r.file(), f -> LineHashes.of(src.get()));
    return r.startLine() < hashes.length ? Optional.ofNullable(hashes[r.startLine()])
        : Optional.empty();
  }

  /** The rules that ran, plus (defensively) any rule a finding names that is not among them. */
  private static List<RuleInfo> rulesOf(Analysis analysis) {
    Map<String, RuleInfo> byId = new LinkedHashMap<>();
    analysis.rules().forEach(r -> byId.putIfAbsent(r.id(), r));
    analysis.findings().forEach(f -> byId.putIfAbsent(f.rule().id(), f.rule()));
    return List.copyOf(byId.values());
  }

  private ReportingDescriptor descriptor(RuleInfo r) {
    Optional<RulePage> page = pages.apply(r.id());
    String full = page.map(RulePage::fullDescription).filter(s -> !s.isBlank()).orElse(r.summary());
    MultiformatMessageString help = new MultiformatMessageString()
        .withText(page.map(RulePage::helpText).orElse(r.summary()))
        .withMarkdown(page.map(RulePage::helpMarkdown).orElse(r.summary()));
    Set<String> tags = new LinkedHashSet<>(List.of(r.category().tag(), "docker"));
    PropertyBag props = new PropertyBag()
        .withTags(tags)
        .withAdditionalProperty("precision", r.precision().sarifName())
        .withAdditionalProperty("problem.severity", problemSeverity(r.severity()));
    if (r.category() == Category.SECURITY) {
      props.withAdditionalProperty("security-severity",
          r.securitySeverity().orElse(securitySeverity(r.severity())));
    }
    aliases(r, props);
    return new ReportingDescriptor()
        .withId(r.id())
        .withName(r.name())
        .withShortDescription(new MultiformatMessageString().withText(r.summary()))
        .withFullDescription(new MultiformatMessageString().withText(full))
        .withHelp(help)
        .withHelpUri(URI.create(r.helpUri()))
        .withDefaultConfiguration(new ReportingConfiguration()
            .withLevel(ReportingConfiguration.Level.fromValue(r.severity().sarifLevel())))
        .withProperties(props);
  }

  /**
   * The other tools' ids a rule stands for, so a SARIF consumer can map berth results onto
   * existing hadolint or BuildKit baselines: {@code aliases} (all of them) and one list per tool.
   */
  private static void aliases(RuleInfo r, PropertyBag props) {
    if (r.aliases().isEmpty()) return;
    props.withAdditionalProperty("aliases", r.aliases());
    List<String> hadolint = Aliases.of(r, Aliases.Tool.HADOLINT);
    if (!hadolint.isEmpty()) props.withAdditionalProperty("hadolint", hadolint);
    List<String> buildkit = Aliases.of(r, Aliases.Tool.BUILDKIT);
    if (!buildkit.isEmpty()) props.withAdditionalProperty("buildkit", buildkit);
  }

  private static String problemSeverity(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTE -> "recommendation";
    };
  }

  /** GitHub's bands: 9.0+ critical, 7.0+ high, 4.0+ medium, above 0 low. */
  private static String securitySeverity(Severity s) {
    return switch (s) {
      case ERROR -> "8.0";
      case WARNING -> "5.0";
      case NOTE -> "2.0";
    };
  }

  private static Result result(Finding f, int ruleIndex, String fingerprint, Project project) {
    Result r = new Result()
        .withRuleId(f.rule().id())
        .withRuleIndex(ruleIndex)
        .withLevel(Result.Level.fromValue(f.severity().sarifLevel()))
        .withMessage(new Message().withText(f.message()))
        .withLocations(List.of(location(f.range())))
        .withPartialFingerprints(new PartialFingerprints()
            .withAdditionalProperty(Fingerprints.KEY, fingerprint));
    if (!f.related().isEmpty()) {
      Set<Location> related = new LinkedHashSet<>();
      int id = 1;
      for (Related rel : f.related()) {
        if (related.size() == MAX_RELATED) break;
        Optional<Location> loc = relatedLocation(rel.range(), project);
        if (loc.isEmpty()) continue;
        related.add(loc.get().withId(id++).withMessage(new Message().withText(rel.message())));
      }
      r.withRelatedLocations(related);
    }
    if (!f.fixes().isEmpty()) {
      Set<com.contrastsecurity.sarif.Fix> fixes = new LinkedHashSet<>();
      for (Fix fix : f.fixes()) fixes.add(fix(fix));
      r.withFixes(fixes);
    }
    f.suppression().ifPresent(s -> {
      com.contrastsecurity.sarif.Suppression sup = new com.contrastsecurity.sarif.Suppression()
          .withKind(s.kind() == dev.berth.rules.Suppression.Kind.IN_SOURCE
              ? com.contrastsecurity.sarif.Suppression.Kind.IN_SOURCE
              : com.contrastsecurity.sarif.Suppression.Kind.EXTERNAL);
      if (!s.justification().isBlank()) sup.withJustification(s.justification());
      r.withSuppressions(new LinkedHashSet<>(List.of(sup)));
    });
    return r;
  }

  private static com.contrastsecurity.sarif.Fix fix(Fix fix) {
    Map<String, List<Replacement>> byFile = new LinkedHashMap<>();
    for (TextEdit e : fix.edits()) {
      byFile.computeIfAbsent(e.range().file(), k -> new ArrayList<>()).add(new Replacement()
          .withDeletedRegion(region(e.range()))
          .withInsertedContent(new ArtifactContent().withText(e.replacement())));
    }
    Set<ArtifactChange> changes = new LinkedHashSet<>();
    byFile.forEach((file, replacements) -> changes.add(new ArtifactChange()
        .withArtifactLocation(artifact(file))
        .withReplacements(replacements)));
    return new com.contrastsecurity.sarif.Fix()
        .withDescription(new Message().withText(fix.description()))
        .withArtifactChanges(changes);
  }

  private static Notification notification(Diagnostic d) {
    Notification n = new Notification()
        .withLevel(d.isError() ? Notification.Level.ERROR : Notification.Level.NOTE)
        .withMessage(new Message().withText(d.message()));
    String file = d.range().file();
    if (!file.isEmpty() && !file.equals(".")) {
      n.withLocations(new LinkedHashSet<>(List.of(location(d.range()))));
    }
    return n;
  }

  /**
   * A related location may name a directory (a build context) or a path that does not exist (what
   * the builder looked up); a region there would make viewers try to open it as a file, so such
   * locations get no region, and directories a URI ending in "/". The root
   * itself has no relative URI but "./", which uploads must not contain; the finding's message
   * already names it, so that location is left out.
   */
  private static Optional<Location> relatedLocation(Range range, Project project) {
    String file = range.file();
    if (file.equals(".") || file.isEmpty()) return Optional.empty();
    boolean directory = project.fileTree().isDirectory(file);
    boolean exists = project.source(file).isPresent() || project.fileTree().get(file).isPresent();
    if (exists && !directory) return Optional.of(location(range));
    // A directory, or a path the finding says is missing: name it, with no region to open.
    return Optional.of(new Location().withPhysicalLocation(new PhysicalLocation()
        .withArtifactLocation(new ArtifactLocation().withUri(uri(file) + (directory ? "/" : ""))
            .withUriBaseId(SRCROOT))));
  }

  private static Location location(Range range) {
    return new Location().withPhysicalLocation(new PhysicalLocation()
        .withArtifactLocation(artifact(range.file()))
        .withRegion(region(range)));
  }

  private static ArtifactLocation artifact(String file) {
    return new ArtifactLocation().withUri(uri(file)).withUriBaseId(SRCROOT);
  }

  private static Region region(Range r) {
    return new Region()
        .withStartLine(r.startLine())
        .withStartColumn(r.startColumn())
        .withEndLine(r.endLine())
        .withEndColumn(r.endColumn());
  }

  /**
   * A relative URI reference for a root-relative path: percent-encodes what a URI path may not
   * hold, and ':' too so a first segment like {@code c:} cannot read as a scheme.
   */
  static String uri(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) p = p.substring(2);
    StringBuilder b = new StringBuilder();
    for (byte x : p.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=@/".indexOf(c) >= 0;
      if (plain) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }
}
