package dev.berth.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which RUN scripts install a package.json's dependencies (BTH308 judges only those builds). */
class NodeInstallTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "npm ci --omit=dev | true",
      "corepack enable && pnpm install --frozen-lockfile | true",
      "yarn | true",
      "yarn --frozen-lockfile --production | true",
      "yarn --cwd app install | true",
      "/usr/local/bin/bun install | true",
      "pnpm --filter web deploy /out | true",
      "npm install -g pnpm@9 | false",
      "yarn build | false",
      "npm run build | false",
      "poetry install --all-extras | false",
      "pip install -r requirements.txt | false",
      "echo npm | false",
      "sh -c \"npm ci\" | true",
      "su node -c 'npm install' | true",
      "npm ci>/dev/null | true",
      "yarn workspaces focus --all --production | true",
      "yarn workspaces list | false",
  })
  void installs(String script, boolean expected) {
    assertEquals(expected, AppImports.installsNodePackages(script), script);
  }
}
