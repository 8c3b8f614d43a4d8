package dev.berth.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CiReadersTest {

  @Test
  void eachWriteToGithubOutputOnALineIsReadWithItsOwnName() {
    Map<String, List<String>> out = CiReaders.githubOutputWrites(
        "echo \"VERSION=1\" >> $GITHUB_ENV && echo \"version=2\" >> $GITHUB_OUTPUT\n"
            + "echo a=1 >> \"$GITHUB_OUTPUT\"; echo 'b=x y' >> ${GITHUB_OUTPUT}\n");
    assertEquals(Map.of("version", List.of("2"), "a", List.of("1"), "b", List.of("x y")), out);
  }

  @Test
  void shellExpansionsInAnOutputAreUnknownAndBranchesAreAlternatives() {
    Map<String, List<String>> out = CiReaders.githubOutputWrites(
        "if [ x ]; then\n  echo \"tag=acme/app:${VERSION}\" >> $GITHUB_OUTPUT\n"
            + "else\n  echo \"tag=acme/app:$(git rev-parse HEAD)\" >> $GITHUB_OUTPUT\n"
            + "  echo \"tag=${{ env.IMAGE }}:latest\" >> $GITHUB_OUTPUT\nfi\n");
    assertEquals(List.of("acme/app:${{ shell }}", "${{ env.IMAGE }}:latest"), out.get("tag"));
  }

  @Test
  void aLongLineThatWritesNoOutputIsReadInLinearTime() {
    // a line of many redirections and a bare GITHUB_OUTPUT at its end (quadratic before)
    String line = "echo a=1 >> x; ".repeat(20_000) + "GITHUB_OUTPUT";
    assertEquals(Map.of(), CiReaders.githubOutputWrites(line));
  }
}
