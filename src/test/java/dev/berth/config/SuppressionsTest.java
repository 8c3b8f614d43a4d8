package dev.berth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.dockerfile.CheckOptions;
import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Comment;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Word;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.Finding;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleInfo;
import dev.berth.rules.Severity;
import dev.berth.rules.Suppression;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuppressionsTest {
  private static final RuleInfo A = rule("BTH001");
  private static final RuleInfo B = rule("BTH002");

  private static RuleInfo rule(String id) {
    return new RuleInfo(id, "rule-" + id, "summary", Severity.WARNING, Category.BUG,
        Precision.HIGH, List.of());
  }

  private static Finding at(RuleInfo rule, String file, int line) {
    return new Finding(rule, rule.severity(), new Range(file, line, 1, line, 2), "msg", List.of(),
        List.of(), Optional.empty());
  }

  /** A hand-built model of the Dockerfile below: each instruction is a RUN spanning its lines. */
  private static Dockerfile dockerfile(SourceFile src, int[][] instructionLines) {
    List<Instruction> instructions = new ArrayList<>();
    for (int[] span : instructionLines) {
      Range r = new Range(src.path(), span[0], 1, span[1], src.lineText(span[1]).length() + 1);
      Word kw = new Word("RUN", new Range(src.path(), span[0], 1, span[0], 4));
      instructions.add(new Instruction.Run(kw, List.of(), new Command.ShellForm("x", r), List.of(),
          List.of(), r));
    }
    boolean[] continuation = new boolean[src.lineCount() + 1];
    for (int[] span : instructionLines) {
      for (int l = span[0] + 1; l <= span[1]; l++) continuation[l] = true;
    }
    List<Comment> comments = new ArrayList<>();
    for (int l = 1; l <= src.lineCount(); l++) {
      String t = src.lineText(l).strip();
      if (t.startsWith("#") && !continuation[l]) {
        comments.add(new Comment(t.substring(1).strip(), src.lineRange(l)));
      }
    }
    return new Dockerfile(src, List.of(), '\\', List.of(), instructions, List.of(), comments,
        List.of());
  }

  private static Project project(List<Dockerfile> dockerfiles, List<SourceFile> sources) {
    return new Project(Path.of("/repo"), BerthConfig.defaults(), List.of(), dockerfiles, List.of(),
        sources);
  }

  private static List<String> states(List<Finding> findings) {
    return findings.stream().map(f -> f.rule().id() + "@" + f.range().startLine() + "="
        + f.suppression().map(Suppression::justification).map(j -> "'" + j + "'").orElse("active"))
        .toList();
  }

  @Test
  void dockerfilePragmaCoversTheWholeNextInstructionOnly() {
    SourceFile src = new SourceFile("Dockerfile", """
        FROM alpine
        # berth ignore=BTH001,bth002 installs are pinned by the base image
        # another comment between is fine
        RUN apk add \\
              curl \\
              git
        RUN apk add jq
        # berth ignore=BTH001 blank line breaks the link

        RUN apk add make
        RUN echo <<EOF
        # berth ignore=all not a comment: inside a heredoc
        EOF
        RUN last
        """);
    Dockerfile df = dockerfile(src, new int[][] {{1, 1}, {4, 6}, {7, 7}, {10, 10}, {11, 13},
        {14, 14}});
    Project p = project(List.of(df), List.of(src));
    List<Finding> out = Suppressions.apply(p, List.of(at(A, "Dockerfile", 4),
        at(A, "Dockerfile", 6), at(B, "Dockerfile", 5), at(A, "Dockerfile", 7),
        at(A, "Dockerfile", 10), at(A, "Dockerfile", 14)));
    String why = "'installs are pinned by the base image'";
    assertEquals(List.of("BTH001@4=" + why, "BTH001@6=" + why, "BTH002@5=" + why,
        "BTH001@7=active", "BTH001@10=active", "BTH001@14=active"), states(out));
    Suppression s = out.get(0).suppression().orElseThrow();
    assertEquals(Suppression.Kind.IN_SOURCE, s.kind());
    assertEquals(new Range("Dockerfile", 2, 1, 2, 67), s.pragma());
  }

  @Test
  void fileLevelPragmaAnywhereCoversTheFile() {
    SourceFile src = new SourceFile("app/Dockerfile", """
        FROM alpine
        RUN a
        RUN b
        # berth ignore-file=BTH002
        """);
    Dockerfile df = dockerfile(src, new int[][] {{1, 1}, {2, 2}, {3, 3}});
    List<Finding> out = Suppressions.apply(project(List.of(df), List.of(src)),
        List.of(at(A, "app/Dockerfile", 2), at(B, "app/Dockerfile", 2),
            at(B, "app/Dockerfile", 3), at(B, "other/Dockerfile", 3)));
    assertEquals(List.of("BTH001@2=active", "BTH002@2=''", "BTH002@3=''", "BTH002@3=active"),
        states(out));
  }

  @Test
  void yamlPragmaCoversTheNextLineAndItsNestedBlock() {
    SourceFile src = new SourceFile("compose.yaml", """
        services:
          # berth ignore=BTH001 legacy service, removed in Q3
          web:
            image: nginx
            command: |
              # berth ignore=BTH002 this is shell text, not a YAML comment
              run

            ports:
              - "80:80"
          db:
            image: postgres
            ports:
              # berth ignore=all
              - "5432:5432"
              - "5433:5433"
        """);
    Project p = project(List.of(), List.of(src));
    List<Finding> out = Suppressions.apply(p, List.of(at(A, "compose.yaml", 3),
        at(A, "compose.yaml", 10), at(B, "compose.yaml", 7), at(A, "compose.yaml", 11),
        at(A, "compose.yaml", 15), at(B, "compose.yaml", 16)));
    String why = "'legacy service, removed in Q3'";
    assertEquals(List.of("BTH001@3=" + why, "BTH001@10=" + why, "BTH002@7=active",
        "BTH001@11=active", "BTH001@15=''", "BTH002@16=active"), states(out));
  }

  @Test
  void unknownIdsAndFilesWithoutTextAreLeftAlone() {
    SourceFile src = new SourceFile("compose.yml", """
        # berth ignore=BTH777 not a rule yet
        services: {}
        """);
    List<Finding> in = List.of(at(A, "compose.yml", 2), at(A, "missing.yml", 1));
    assertEquals(in, Suppressions.apply(project(List.of(), List.of(src)), in));
  }

  @Test
  void manyStackedPragmasStayLinear() {
    int n = 20_000;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) text.append("# berth ignore=BTH001 r\n");
    for (int i = 0; i < n; i++) text.append("RUN x\n");
    SourceFile src = new SourceFile("Dockerfile", text.toString());
    int[][] spans = new int[n][];
    for (int i = 0; i < n; i++) spans[i] = new int[] {n + i + 1, n + i + 1};
    Dockerfile df = dockerfile(src, spans);
    StringBuilder yaml = new StringBuilder("a:\n");
    for (int i = 0; i < n; i++) yaml.append("  # berth ignore=BTH001\n");
    for (int i = 0; i < n; i++) yaml.append("  k").append(i).append(": v\n");
    SourceFile y = new SourceFile("c.yaml", yaml.toString());
    Project p = project(List.of(df), List.of(src, y));
    List<Finding> out = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(5), () -> Suppressions.apply(p,
            List.of(at(A, "Dockerfile", n + 1), at(A, "Dockerfile", n + 2),
                at(A, "c.yaml", n + 2), at(A, "c.yaml", n + 3))));
    assertEquals(List.of("BTH001@20001='r'", "BTH001@20002=active", "BTH001@20002=''",
        "BTH001@20003=active"), states(out));
  }

  @Test
  void pragmaGrammar() {
    Range r = Range.point("f", 1, 1);
    assertEquals(Optional.empty(), Pragma.parse("berth ignore", r));
    assertEquals(Optional.empty(), Pragma.parse("berth ignore=", r));
    assertEquals(Optional.empty(), Pragma.parse("berth ignore BTH001", r));
    assertEquals(Optional.empty(), Pragma.parse("noqa ignore=DL3008", r));
    Pragma p = Pragma.parse(" berth  ignore=ALL,BTH003   because  reasons ", r).orElseThrow();
    assertEquals(false, p.wholeFile());
    assertEquals("because  reasons", p.reason());
    assertEquals(true, p.covers(rule("BTH123")));
  }

  @Test
  void hadolintPragmasAndBuildkitCheckSkipMatchAliases() {
    RuleInfo dup = new RuleInfo("BTH004", "duplicate-stage-name", "s", Severity.ERROR,
        Category.BUG, Precision.HIGH, List.of("DL3024", "DuplicateStageName"));
    RuleInfo root = new RuleInfo("BTH007", "final-user-root", "s", Severity.WARNING,
        Category.SECURITY, Precision.HIGH, List.of("DL3002"));
    SourceFile src = new SourceFile("Dockerfile", """
        # check=skip=DuplicateStageName
        FROM alpine AS a
        # hadolint ignore=DL3002
        USER root
        USER root
        """);
    Dockerfile plain = dockerfile(src, new int[][] {{2, 2}, {4, 4}, {5, 5}});
    Dockerfile df = new Dockerfile(src, List.of(new dev.berth.dockerfile.Directive("check",
        "skip=DuplicateStageName", src.lineRange(1))), '\\', List.of(), plain.instructions(),
        List.of(), plain.comments().subList(1, 2), List.of());
    List<Finding> out = Suppressions.apply(project(List.of(df), List.of(src)),
        List.of(at(dup, "Dockerfile", 2), at(root, "Dockerfile", 4), at(root, "Dockerfile", 5)));
    assertEquals(List.of("BTH004@2='# check=skip'", "BTH007@4=''", "BTH007@5=active"),
        states(out));

    Range r = Range.point("Dockerfile", 1, 1);
    Pragma all = check("error=true;skip=all", r);
    assertEquals(true, all.covers(dup));
    assertEquals(false, all.covers(root));
    assertEquals(false, check("skip=duplicatestagename", r).covers(dup));
    Pragma global = Pragma.parse("hadolint global ignore=dl3002", r).orElseThrow();
    assertEquals(true, global.wholeFile() && global.covers(root) && !global.covers(dup));
  }

  @Test
  void hadolintPragmaFormsAndStageScope() {
    Range r = Range.point("f", 1, 1);
    RuleInfo workdir = new RuleInfo("BTH016", "relative-workdir", "s", Severity.NOTE,
        Category.STYLE, Precision.HIGH, List.of("WorkdirRelativePath", "DL3000"));
    Pragma spaced = Pragma.parse("hadolint ignore = DL3000 , DL3008 # we accept these", r)
        .orElseThrow();
    assertEquals(true, spaced.covers(workdir));
    assertEquals("we accept these", spaced.reason());
    assertEquals(Pragma.Scope.STAGE, Pragma.parse("hadolint stage ignore=DL3000", r).orElseThrow()
        .scope());
    assertEquals(true, Pragma.parse("berth ignore=WorkdirRelativePath", r).orElseThrow()
        .covers(workdir), "berth pragmas accept aliases");

    SourceFile src = new SourceFile("Dockerfile", """
        FROM a
        RUN x
        # hadolint stage ignore=DL3000
        FROM b
        RUN x
        RUN x
        FROM c
        RUN x
        """);
    Dockerfile plain = dockerfile(src, new int[][] {{1, 1}, {2, 2}, {4, 4}, {5, 5}, {6, 6},
        {7, 7}, {8, 8}});
    List<Instruction> is = new ArrayList<>(plain.instructions());
    for (int i : new int[] {0, 2, 5}) {
      Range at = is.get(i).range();
      Word kw = new Word("FROM", new Range("Dockerfile", at.startLine(), 1, at.startLine(), 5));
      is.set(i, new Instruction.From(kw, List.of(), kw, Optional.empty(), Optional.empty(), at));
    }
    Dockerfile df = new Dockerfile(src, List.of(), '\\', List.of(), is, List.of(),
        plain.comments(), List.of());
    List<Finding> out = Suppressions.apply(project(List.of(df), List.of(src)), List.of(
        at(workdir, "Dockerfile", 2), at(workdir, "Dockerfile", 4), at(workdir, "Dockerfile", 6),
        at(workdir, "Dockerfile", 7), at(workdir, "Dockerfile", 8)));
    assertEquals(List.of("BTH016@2=active", "BTH016@4=''", "BTH016@6=''", "BTH016@7=active",
        "BTH016@8=active"), states(out));
  }

  @Test
  void buildkitNeverSkipsAnExperimentalCheck() {
    RuleInfo description = new RuleInfo("BTH024", "invalid-definition-description", "s",
        Severity.NOTE, Category.STYLE, Precision.HIGH, List.of("InvalidDefinitionDescription"));
    Range r = Range.point("Dockerfile", 1, 1);
    assertEquals(false, check("skip=all", r).covers(description));
    assertEquals(false, check("skip=InvalidDefinitionDescription", r).covers(description));
  }

  @Test
  void unknownIdsInBerthPragmasAreConfigurationErrors() {
    SourceFile df = new SourceFile("Dockerfile",
        "# berth ignore=BTH001,BTH999,JSONArgsRecommended,all typo\nFROM a\n"
            + "# hadolint ignore=DL9999\nRUN x\n");
    SourceFile yaml = new SourceFile("compose.yaml", "# berth ignore-file=BHT104\na: 1\n");
    RuleInfo json = new RuleInfo("BTH006", "shell-form-command", "s", Severity.WARNING,
        Category.BUG, Precision.HIGH, List.of("JSONArgsRecommended"));
    Project p = new Project(Path.of("/repo"), BerthConfig.defaults(), List.of(
        new dev.berth.project.ProjectFile("Dockerfile", dev.berth.project.ProjectFile.Kind.DOCKERFILE),
        new dev.berth.project.ProjectFile("compose.yaml", dev.berth.project.ProjectFile.Kind.COMPOSE)),
        List.of(dev.berth.dockerfile.DockerfileParser.parse(df)), List.of(), List.of(df, yaml));
    assertEquals(List.of(
        "Dockerfile:1:1: error: unknown rule id \"BTH999\" in berth pragma (see berth --list-rules)",
        "compose.yaml:1:1: error: unknown rule id \"BHT104\" in berth pragma (see berth --list-rules)"),
        Suppressions.unknownIds(p, List.of(A, json)).stream().map(dev.berth.source.Diagnostic::oneLine)
            .toList());
  }

  private static Pragma check(String value, Range r) {
    CheckOptions.Parsed p = CheckOptions.parse(value, r);
    return Pragma.fromCheck(((CheckOptions.Parsed.Ok) p).options(), Pragma.Scope.FILE)
        .orElseThrow();
  }

  @Test
  void hadolintPragmasDoNotApplyToYaml() {
    SourceFile src = new SourceFile("compose.yaml", "# hadolint global ignore=DL3002\na: 1\n");
    RuleInfo root = new RuleInfo("BTH007", "final-user-root", "s", Severity.WARNING,
        Category.SECURITY, Precision.HIGH, List.of("DL3002"));
    List<Finding> in = List.of(at(root, "compose.yaml", 2));
    assertEquals(in, Suppressions.apply(project(List.of(), List.of(src)), in));
  }
}
