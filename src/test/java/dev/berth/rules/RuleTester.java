package dev.berth.rules;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.berth.config.BerthConfig;
import dev.berth.project.ProjectLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The quick tier: one rule over a few in-memory files, through the real loader. */
public final class RuleTester {
  private final Rule rule;
  private final Map<String, String> files = new LinkedHashMap<>();
  private final Map<String, String> links = new LinkedHashMap<>();

  private RuleTester(Rule rule) {
    this.rule = rule;
  }

  public static RuleTester of(Rule rule) {
    return new RuleTester(rule);
  }

  public RuleTester file(String path, String text) {
    files.put(path, text);
    return this;
  }

  /** A symbolic link at {@code path} to the root-relative {@code target} (which may not exist). */
  public RuleTester link(String path, String target) {
    links.put(path, target);
    return this;
  }

  /** Active findings of the rule, in location order. */
  public List<Finding> findings() {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path root = fs.getPath("/project");
      Files.createDirectories(root);
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = root.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue());
      }
      for (Map.Entry<String, String> l : links.entrySet()) {
        Path p = root.resolve(l.getKey());
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, root.resolve(l.getValue()));
      }
      // the rule under test runs even when it is opt-in
      BerthConfig config = new BerthConfig(java.util.Set.of(), java.util.Set.of(), Map.of(),
          BerthConfig.defaults().failLevel(), List.of(), List.of(), List.of(), Map.of(),
          java.util.Set.of(RuleInfo.of(rule.getClass()).id()));
      return new Engine(List.of(rule))
          .run(ProjectLoader.load(root, List.of(), config)).active();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
