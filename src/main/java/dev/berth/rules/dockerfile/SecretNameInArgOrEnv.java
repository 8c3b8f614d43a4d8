package dev.berth.rules.dockerfile;

import dev.berth.dockerfile.ArgDecl;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Expander;
import dev.berth.dockerfile.Expansion;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.KeyValue;
import dev.berth.dockerfile.StageFacts;
import dev.berth.dockerfile.StageResolver;
import dev.berth.evidence.RepoEvidence;
import dev.berth.image.BaseImageCatalog;
import dev.berth.image.ComposeBuilds;
import dev.berth.image.DevelopmentImages;
import dev.berth.project.Project;
import dev.berth.rules.Category;
import dev.berth.rules.DockerfileRule;
import dev.berth.rules.Precision;
import dev.berth.rules.RuleContext;
import dev.berth.rules.RuleMeta;
import dev.berth.rules.Severity;
import dev.berth.rules.security.SecretValues;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * BuildKit's SecretsUsedInArgOrEnv ({@code validateNoSecretKey}): an ARG or ENV in a stage whose
 * name says it holds a secret: one of apikey, auth, credential(s), key, password, pword, passwd,
 * secret, token as the whole name or as its first or last {@code _}-separated word, in any case,
 * unless a word is public, file or version ({@code PUBLIC_KEY}, {@code PASSWORD_FILE}). A value
 * given to such an ARG with {@code --build-arg} is recorded in the image history of every RUN
 * after it; an ENV value is stored in the image config. ARGs before the first FROM are not
 * judged, as in BuildKit: FROM lines only see them, so they reach no layer or history.
 *
 * <p>Departures from BuildKit, each one finding fewer: a name with the word path
 * ({@code PASSBOLT_REPO_KEY_PATH}) holds a location, like file; a name with a word of
 * {@link #SETTING} ({@code AUTH_PROVIDERS}, {@code TOKEN_TTL}) holds a setting of the mechanism; an ARG default or ENV value that
 * is a URL without credentials or an OpenPGP key ID ({@link #namesNoSecret}); an ENV whose value is an absolute path
 * ({@code GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/key.json}) names the file holding the
 * secret, like the {@code _FILE} names BuildKit allows; an ENV whose value is known to be empty
 * ({@code ENV SMTP_PASSWORD=}, or an undefined variable, BTH017's finding) stores nothing; an ARG or
 * ENV whose value is a boolean word ({@code true}, {@code false}, {@code yes}, {@code no}) is a
 * switch ({@code ARG COMPOSER_AUTH_JSON=false} decides whether an auth file is used; the mysql
 * image's {@code MYSQL_ALLOW_EMPTY_PASSWORD=yes} allows an empty root password), and an ENV whose
 * value is a number of at most six digits, as BTH600 reads literal values ({@code ENV
 * AIO_TOKEN=123456}, a placeholder); a name with the word gpg or pgp ({@code GPG_KEY},
 * {@code WORDPRESS_CLI_GPG_KEY}) holds the fingerprint of the public key a download is verified
 * with (the docker-library convention: python's {@code ENV GPG_KEY}, php's {@code GPG_KEYS}),
 * which is published, not secret; a name ending in a digest word (sha256, sha512, md5,
 * checksum, digest: percona's {@code KEY_RPM_DOWNLOAD_SHA256}, the SHA-256 of the signing key
 * file its download is checked against) holds a checksum, public by construction; an ARG whose
 * default is empty or a placeholder
 * ({@code ARG DB_PASSWORD=}, {@code ARG MYSQL_PASSWORD=secret}) when every build berth knows
 * (compose services, at least one, and repository commands) passes it no value: the image keeps
 * the default, no secret (bigcapital's migration image gets its password at run time); an ENV
 * whose value is such a placeholder when every compose service that builds the image (at least
 * one) sets the variable in its environment; a literal ENV value or an ARG in a development or
 * test image (development-images.yaml) is a note; an auth name whose value is a method
 * ({@link #namesAMethod}) is a setting; an ENV value that marks itself as one to replace
 * ({@link #replaceMe}) is a note about the public value a container keeps if nothing replaces it,
 * and so is any other literal ENV value in plain words ({@link #PLAIN_WORDS}: a published default
 * or a weak real password, which nothing settles); and
 * a name with a prefix a front-end build copies into the browser bundle ({@code VITE_},
 * {@code NEXT_PUBLIC_}, {@code REACT_APP_}: url-variables.yaml) holds a value every visitor's
 * browser downloads, public by the framework's design (dispatch's {@code ARG
 * VITE_SENTRY_APP_KEY}); and {@code ENV TOKEN=$TOKEN} after a reported
 * {@code ARG TOKEN} is the same secret, so it is a related location of the ARG's finding.
 */
@RuleMeta(
    id = "BTH021",
    summary = "An ARG or ENV name says it holds a secret, which would stay in the image",
    severity = Severity.WARNING,
    category = Category.SECURITY,
    precision = Precision.HIGH,
    aliases = {"SecretsUsedInArgOrEnv", "DL3064"})
public final class SecretNameInArgOrEnv implements DockerfileRule {
  private static final Pattern SECRET = Pattern.compile(
      "(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)"
          + "(?:_|$)");
  private static final Pattern ALLOWED =
      // a fingerprint identifies a public key (securedrop's TOR_RELEASE_KEY_FINGERPRINT, the
      // release-signing key gpgv checks against)
      Pattern.compile("(?i)(?:_|^)(?:public|file|path|version|gpg|pgp|fingerprints?)(?:_|$)"
          // a digest word only at the end: KEY_RPM_DOWNLOAD_SHA256 is a checksum,
          // HMAC_SHA256_SECRET and DIGEST_AUTH_PASSWORD are secrets
          + "|(?:_|^)(?:sha1|sha256|sha384|sha512|md5|checksum|checksums|digest)$");
  /**
   * Words that make the name a setting about the mechanism, not the secret: which providers or
   * method, where (url, host, port), whether, and for how long (homarr's
   * {@code ENV AUTH_PROVIDERS='credentials'}, {@code AUTH_URL}, {@code TOKEN_TTL}).
   */
  private static final Pattern SETTING = Pattern.compile("(?i)(?:_|^)(?:providers?|methods?|type"
      + "|mode|url|uri|host|port|endpoint|enabled|disabled|ttl|timeout|expiry|expiration"
      + "|lifetime|length|header|issuer|scopes?|strategy|backend)(?:_|$)");
  /**
   * Setting words that only outweigh the weak secret words, auth and key: Grafana's
   * {@code GF_AUTH_ANONYMOUS_ORG_ROLE}, Kafka Connect's {@code CONNECT_KEY_CONVERTER}, an
   * identifier ({@code id}: fonoster's {@code DASHBOARD_AUTH_GITHUB_CLIENT_ID}, the OAuth client
   * ID its browser bundle carries; an access key's ID), a pinned source revision (spilo's
   * {@code PG_AUTH_MON_COMMIT}, the public git commit of the pg_auth_mon extension it builds), an
   * address (docker-mailserver's {@code MDA_AUTH_ADDRESS=mda:2004}, where postfix reaches the
   * delivery agent's auth service), a switch that silences a warning (apt-key's
   * {@code APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE=DontWarn}: DONT_WARN, NO_WARNINGS);
   * never a password, secret, token or credential ({@code DB_ROLE_PASSWORD}, {@code TOKEN_ID}
   * stay ones).
   */
  private static final Pattern WEAK_SETTING = Pattern.compile(
      "(?i)(?:_|^)(?:roles?|converter|serializer|deserializer|ids?|commit|ref|revision|rev"
      + "|branch|tag|address|addr)(?:_|$)"
      // a switch that silences a warning (apt-key's APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE)
      + "|(?:_|^)(?:dont|no|disable|suppress|silence)_warn(?:ing|ings)?(?:_|$)");
  private static final Pattern STRONG_SECRET = Pattern.compile(
      "(?i)(?:_|^)(?:apikey|credentials?|password|pword|passwd|secret|token)(?:_|$)");
  /**
   * The shape of a value in plain words: letters only, in parts joined by {@code _ - . @}
   * ({@code prestashop_demo}, {@code apitable@com}); a typed password or a generated key with
   * digits or symbols ({@code Xk9fq2LmPz}) has not. {@link #plainWords} says which parts are words.
   */
  private static final Pattern PLAIN_WORDS =
      Pattern.compile("[A-Za-z]++(?:[._@-][A-Za-z]++)*+");

  /**
   * {@link #PLAIN_WORDS} whose every part is a word someone typed: lower case
   * ({@code prestashop_demo}), or capitalised words run together ({@code YouShallNotPass},
   * {@link SecretValues#phrase}); a run of mixed-case letters ({@code XkfqLmPzQwRtYuIo}) is a
   * generated key.
   */
  private static boolean plainWords(String v) {
    if (!PLAIN_WORDS.matcher(v).matches()) return false;
    for (String part : v.split("[._@-]")) {
      if (!part.equals(part.toLowerCase(java.util.Locale.ROOT)) && !SecretValues.phrase(part)
          && !(Character.isUpperCase(part.charAt(0))
              && part.substring(1).equals(part.substring(1).toLowerCase(java.util.Locale.ROOT)))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A relative path to a file (vimagick's ngrok: ENV NGROK_CA_KEY
   * assets/client/tls/ngrokroot.key, where its RUN then writes the key): a location, as an
   * absolute path is. Directories and a file name with an extension, of path characters only (no
   * {@code +} or {@code =}, which base64 secrets have).
   */
  private static boolean relativeFile(String v) {
    int slash = v.lastIndexOf('/');
    if (slash <= 0 || v.startsWith("-") || v.length() > 300) return false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '_' && c != '.' && c != '-' && c != '/') {
        return false;
      }
    }
    String name = v.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    String ext = dot <= 0 ? "" : name.substring(dot + 1);
    return !ext.isEmpty() && ext.length() <= 5 && ext.chars().allMatch(Character::isLetterOrDigit);
  }

  /** A URL naming a place: no user information and no query, where credentials would sit. */
  private static final Pattern PLAIN_URL =
      Pattern.compile("(?i)[a-z][a-z0-9+.-]*+://[^/@?#\\s]++(?:/[^@?#\\s]*+)?");
  /** An OpenPGP key ID or fingerprint as apt and gpg write it: 0x and 8, 16 or 40 hex digits. */
  private static final Pattern PGP_KEY_ID =
      Pattern.compile("0x(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40})");

  @Override
  public void check(Dockerfile dockerfile, Project project, RuleContext ctx) {
    Expander ex = new Expander(dockerfile.escape());
    // With the base image's environment where the catalog knows all of it, so that a variable
    // nothing defines is known to be empty.
    BaseImageCatalog catalog = BaseImageCatalog.standard();
    List<StageFacts> stages = StageResolver.resolveWithBaseEnv(dockerfile, null,
        catalog::environment);
    Set<Integer> shipped = shipped(project, dockerfile, stages);
    for (StageFacts stage : stages) {
      // A stage no image is made of (saas-boilerplate's `static_files`, whose
      // DJANGO_SECRET_KEY='build' only lets collectstatic run; the shipped stage copies
      // /app/static from it): an ENV written there literally is in no image anyone pulls. A
      // build argument is judged in every stage: its value is in that stage's history and build
      // cache, exported with it (--cache-to mode=max), whatever image is shipped.
      boolean inImage = shipped.contains(stage.stage().index());
      Map<String, RuleContext.Report> args = new HashMap<>();
      // build arguments no build passes: an ENV made of them holds their empty default
      Set<String> unpassed = new java.util.HashSet<>();
      // ENV variables made only of variables nothing declares (or of such ENV variables):
      // laudspeaker's `ENV MAGIC_EMAIL_KEY=${MAGIC_EMAIL_KEY}`, then
      // `ENV MAILGUN_API_KEY=${MAGIC_EMAIL_KEY}`: the chain holds whatever the unknown base
      // defines, most likely nothing
      Set<String> fromNothing = new java.util.HashSet<>();
      for (Instruction i : stage.stage().instructions()) {
        if (i instanceof Instruction.Arg arg) {
          for (ArgDecl d : arg.declarations()) {
            if (!secret(d.name().text())) continue;
            // The default, expanded once: empty when there is none; known or not.
            Optional<Expansion> dflt = d.defaultValue()
                .map(v -> ex.word(v.text(), stage.varsBefore(i)));
            Optional<String> known = dflt.flatMap(Expansion::knownValue);
            boolean aSwitch = known.filter(SecretNameInArgOrEnv::isSwitch).isPresent();
            boolean noSecret = known.filter(SecretNameInArgOrEnv::namesNoSecret).isPresent();
            boolean placeholder = dflt.isEmpty()
                || known.filter(SecretValues::placeholderOrNothing).isPresent();
            if (aSwitch || noSecret) continue;
            if (placeholder && neverPassed(project, dockerfile, d.name().text(),
                usedByRun(stage, i, d.name().text()))) {
              unpassed.add(d.name().text());
              continue;
            }
            // A test database's password (ONLYOFFICE's tests/oracle image): a fixture of a
            // throwaway image, in the history of an image nobody pulls.
            boolean development = DevelopmentImages.standard().matches(dockerfile, stage.stage());
            Optional<dev.berth.dockerfile.Comment> meant = known.filter(v -> !v.isEmpty()).isPresent()
                ? meantPublic(dockerfile, i) : Optional.empty();
            // in a stage the shipped image only copies from (camunda's builder, which pulls from
            // Nexus with the credentials): what it exposes is the build's history and cache
            String where = inImage ? "" : "; this stage is not the one the image ships, so the"
                + " value is in its history and the build cache (exported with --cache-to"
                + " mode=max), not in the image that is pushed";
            RuleContext.Report r = ctx.report(d.name().range(), message("ARG", d.name().text())
                + (development ? developmentImage(dockerfile)
                    : meant.map(SecretNameInArgOrEnv::saysPublic).orElse(where)));
            if (development || meant.isPresent()) r.severity(Severity.NOTE);
            meant.ifPresent(c -> r.related(c.range(), "the author's word that the value is public"));
            args.put(d.name().text(), r);
          }
        } else if (i instanceof Instruction.Env env) {
          for (KeyValue kv : env.pairs()) {
            Expansion key = ex.word(kv.key().text(), stage.varsBefore(i));
            if (!key.known()) continue;
            Expansion value = ex.word(kv.value().text(), stage.varsBefore(i));
            Map<String, Optional<String>> declared = stage.varsBefore(i).asMap();
            boolean nothing = !value.known() && !value.unresolved().isEmpty()
                && value.unresolved().stream().allMatch(n -> !declared.containsKey(n)
                    || fromNothing.contains(n));
            if (nothing) {
              fromNothing.add(key.value());
            } else {
              fromNothing.remove(key.value());
            }
            if (!secret(key.value())) continue;
            if (!inImage && !kv.value().text().contains("$")) continue;
            // papercups' ENV AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY after an ARG no build
            // passes: the image stores the ARG's empty default
            if (!unpassed.isEmpty() && unpassed.stream().anyMatch(a -> VariableUses.uses(kv.value(),
                a)) && args.keySet().stream().noneMatch(a -> VariableUses.uses(kv.value(), a))) {
              continue;
            }
            // The value the image stores, read as BTH600 reads literal values: a switch word or
            // a short number holds no secret (nextcloud/all-in-one's ENV AIO_TOKEN=123456, a
            // placeholder the mastercontainer replaces). Not for an ARG default: --build-arg
            // gives the real value there.
            // A path, or a reference to a file the program loads the secret from (komodo's
            // PERIPHERY_PRIVATE_KEY="file:/config/keys/periphery.key"): no secret in the image.
            if (value.known() && (value.value().startsWith("/")
                || relativeFile(value.value())
                || value.value().matches("file:(?://)?/[^\\s]*")
                || SecretValues.holdsNoSecret(value.value()) || namesNoSecret(value.value())
                || namesAMethod(key.value(), value.value())
                || configurationKeyName(key.value(), value.value()))) {
              continue;
            }
            // A placeholder every compose service that builds the image replaces at run time
            // (bigcapital's mariadb image: ENV MYSQL_PASSWORD=secret under compose's
            // MYSQL_PASSWORD=${DB_PASSWORD}) is no secret, and not the value anything runs with.
            if (value.known() && SecretValues.placeholderOrNothing(value.value())
                && overriddenByEveryService(project, dockerfile, key.value())) {
              continue;
            }
            // Only variables nothing in the Dockerfile declares: the value is whatever a base
            // image berth does not know defines, most likely nothing (laradock's mssql
            // `ENV SA_PASSWORD=$MSSQL_PASSWORD`), or ENV variables made of them: whether a secret
            // is stored is unknown.
            if (nothing) continue;
            Optional<RuleContext.Report> copied = args.entrySet().stream()
                .filter(a -> VariableUses.uses(kv.value(), a.getKey()))
                .map(Map.Entry::getValue).findFirst();
            if (copied.isPresent()) {
              copied.get().related(kv.key().range(), "ENV " + key.value()
                  + " copies it into the image config");
            } else if (value.known() && DevelopmentImages.standard().matches(dockerfile,
                stage.stage())) {
              // A literal credential of a development or test image (photoprism's dummy WebDAV
              // server: WEBDAV_PASSWORD=photoprism, the password its tests log in with) is a
              // fixture everyone reading the repository knows; a note, saying what it assumes.
              ctx.report(kv.key().range(), message("ENV", key.value())
                  + developmentImage(dockerfile)).severity(Severity.NOTE);
            } else if (value.known() && replaceMe(key.value(), value.value())) {
              // openreplay's ENV JWT_SECRET="SECRET", librespeed's PASSWORD=password: a marker
              // meant to be replaced at run time. No secret is stored; what is left to say is the
              // publicly known value a container runs with when nothing replaces it.
              ctx.report(kv.key().range(), "ENV " + key.value() + " is set to the placeholder '"
                  + value.value() + "' (a word of the variable's name, a change-me marker or a"
                  + " word such as dev or example): the image stores no secret, but a container"
                  + " that is not given the real value at run time (-e, environment, env_file)"
                  + " runs with this publicly known one")
                  .severity(Severity.NOTE);
            } else if (value.known() && meantPublic(dockerfile, i).isPresent()) {
              dev.berth.dockerfile.Comment c = meantPublic(dockerfile, i).get();
              ctx.report(kv.key().range(), message("ENV", key.value()) + saysPublic(c))
                  .severity(Severity.NOTE)
                  .related(c.range(), "the author's word that the value is public");
            } else if (value.known() && plainWords(value.value())) {
              // A literal word, not a generated key (PrestaShop's ADMIN_PASSWD=prestashop_demo,
              // DOMjudge's MYSQL_PASSWORD=domjudge, apitable's all-in-one apitable@com): whether
              // it is a secret or the published default every deployment replaces, nothing
              // settles, and it is in the repository for anyone to read either way. What is left
              // is the container that runs with it; a note that states that assumption.
              ctx.report(kv.key().range(), "ENV " + key.value() + " is set to the literal '"
                  + value.value() + "', a word rather than a generated key: berth takes it for a"
                  + " default the Dockerfile publishes (anyone reading the repository has it),"
                  + " which a container runs with unless it is given the real value at run time"
                  + " (-e, environment, a _FILE secret); if it is a real secret, ship none and"
                  + " require it at run time")
                  .severity(Severity.NOTE);
            } else {
              // What it rests on: the value is a secret, not a published default every deployment
              // replaces (a typed password with digits, AzuraCast's azur4c457); the advice then
              // differs, so the message says which it takes.
              ctx.report(kv.key().range(), message("ENV", key.value())
                  + (value.known() ? "; berth takes the value for a real secret: if it is a"
                      + " published default that deployments replace, ship none and require it"
                      + " at run time (-e, environment, a _FILE secret) instead" : ""));
            }
          }
        }
      }
    }
  }

  /**
   * The stages an image is made of: the final stage, each stage a compose service or a repository
   * build targets, and the stages those are built FROM (their config and history are inherited).
   * A build whose target berth cannot read may make any stage an image: then all are.
   */
  private static Set<Integer> shipped(Project project, Dockerfile dockerfile,
      List<StageFacts> stages) {
    Set<Integer> all = new java.util.HashSet<>();
    for (StageFacts f : stages) all.add(f.stage().index());
    if (stages.isEmpty()) return all;
    List<Integer> targets = new java.util.ArrayList<>();
    targets.add(stages.get(stages.size() - 1).stage().index());
    // a compose target berth cannot resolve to a stage (`target: ${BUILD_TARGET}`) may be any
    for (dev.berth.compose.Build b : dev.berth.image.ComposeBuilds.builds(project, dockerfile)) {
      if (b.target().isPresent() && dockerfile.stage(b.target().get().value()).isEmpty()) {
        return all;
      }
    }
    dev.berth.runtime.Containers.stagesBuilt(project, dockerfile)
        .forEach(s -> targets.add(s.index()));
    for (dev.berth.evidence.DockerBuild b
        : dev.berth.evidence.RepoEvidence.of(project).buildsOf(dockerfile.path())) {
      if (b.target().isEmpty()) continue;
      Optional<String> name = b.target().get().value();
      Optional<dev.berth.dockerfile.Stage> stage = name.flatMap(dockerfile::stage);
      if (stage.isEmpty()) return all;
      targets.add(stage.get().index());
    }
    Set<Integer> out = new java.util.HashSet<>();
    for (int t : targets) {
      // up the FROM chain; parents are earlier stages, so this ends
      Optional<Integer> i = Optional.of(t);
      while (i.isPresent() && out.add(i.get())) i = stages.get(i.get()).parent();
    }
    return out;
  }

  /**
   * Phrases by which a comment says the literal value below it is meant to be seen (shynet's
   * "This (encoded) license key is intened to be public", a browser API key, a DSN): the author
   * has weighed it, and the value is in the repository anyway.
   */
  private static final List<String> MEANT_PUBLIC = List.of("to be public", "is public",
      "are public", "not a secret", "not secret", "no secret", "safe to share", "safe to expose",
      "safe to commit", "publicly available");

  /** Words by which a comment about a value says it should not have been published. */
  private static final List<String> NOT_PUBLIC = List.of("rotate", "revoke", "leak", "fixme",
      "todo", "should not", "shouldn't", "must not");

  /** A comment before the instruction that says its value is meant to be public. */
  private static Optional<dev.berth.dockerfile.Comment> meantPublic(Dockerfile dockerfile,
      Instruction i) {
    for (dev.berth.dockerfile.Comment c : dockerfile.commentsBefore(i)) {
      String text = c.text().toLowerCase(java.util.Locale.ROOT);
      // "not meant to be public", "is public in git history now, rotate it": the opposite
      if (NOT_PUBLIC.stream().anyMatch(text::contains)) return Optional.empty();
      for (String phrase : MEANT_PUBLIC) {
        int at = text.indexOf(phrase);
        if (at < 0) continue;
        String before = text.substring(Math.max(0, at - 12), at);
        if (!before.matches(".*\\b(not|never|n't|no longer)\\b.*")) return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private static String saysPublic(dev.berth.dockerfile.Comment c) {
    return "; the comment at line " + c.range().startLine() + " says the value is meant to be"
        + " public, so berth takes it for none to keep out of the image";
  }

  /**
   * Every build of this Dockerfile berth knows passes no value for {@code name}: at least one
   * compose service or repository command builds it, no service lists the ARG under
   * {@code build.args}, and no
   * repository command or CI step that builds it (or a Dockerfile berth cannot tell) passes it.
   * Then the ARG keeps its default, which holds no secret.
   */
  private static boolean neverPassed(Project project, Dockerfile dockerfile, String name,
      boolean usedByRun) {
    List<ComposeBuilds.Use> uses = ComposeBuilds.of(project).uses(dockerfile.path());
    // without a compose build, the repository's own builds of it must be known (papercups'
    // release workflow builds it with docker/build-push-action and no build-args), and the ARG
    // only passed on into the image's configuration: one a RUN uses is there to be passed at
    // build time (uptime-kuma's upload stage curls with $GITHUB_TOKEN, which its release script,
    // a JavaScript file berth does not read, passes)
    if (uses.isEmpty() && (usedByRun || RepoEvidence.of(project).buildsOf(dockerfile.path())
            .isEmpty())
        || uses.stream().anyMatch(u -> u.build().args().containsKey(name))) {
      return false;
    }
    return RepoEvidence.of(project).builds().stream().noneMatch(b -> b.buildArgs()
        .containsKey(name) && b.dockerfile().value().map(dockerfile.path()::equals).orElse(true));
  }

  /** A RUN of the stage after the ARG uses it. */
  private static boolean usedByRun(StageFacts stage, Instruction arg, String name) {
    boolean after = false;
    for (Instruction i : stage.stage().instructions()) {
      if (i == arg) after = true;
      if (after && i instanceof Instruction.Run r
          && VariableUses.uses(dev.berth.wiring.FrontendBuilds.text(r), name)) {
        return true;
      }
    }
    return false;
  }

  /** At least one compose service builds the Dockerfile, and each sets {@code name}. */
  private static boolean overriddenByEveryService(Project project, Dockerfile dockerfile,
      String name) {
    List<ComposeBuilds.Use> uses = ComposeBuilds.of(project).uses(dockerfile.path());
    return !uses.isEmpty()
        && uses.stream().allMatch(u -> u.service().environment().containsKey(name));
  }

  /**
   * A value that is an address or a published key, never a secret itself: a URL without user
   * information or query (passbolt's {@code ARG PASSBOLT_SERVER_KEY="https://download.passbolt.com"},
   * where the repository's public key is fetched from), a Java class name, or an OpenPGP key ID (passbolt's
   * {@code ENV PASSBOLT_PKG_KEY=0xDE8B853FC155581D}, the key apt verifies its packages with). For
   * an ARG the default shows what kind of value a build passes: another address.
   */
  static boolean namesNoSecret(String value) {
    return PLAIN_URL.matcher(value).matches() || PGP_KEY_ID.matcher(value).matches()
        || javaClassName(value);
  }

  /**
   * A Java class name, two or more package words first
   * ({@code org.apache.kafka.connect.storage.StringConverter}): it names code, never a secret.
   */
  static boolean javaClassName(String value) {
    String[] parts = value.split("\\.", -1);
    if (parts.length < 3 || value.length() > 300) return false;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty()) return false;
      boolean last = i == parts.length - 1;
      char first = p.charAt(0);
      if (last ? !(first >= 'A' && first <= 'Z') : !(first >= 'a' && first <= 'z')) return false;
      for (char c : p.toCharArray()) {
        boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
            || last && (c >= 'A' && c <= 'Z' || c == '$');
        if (!ok) return false;
      }
    }
    return true;
  }

  private static String developmentImage(Dockerfile dockerfile) {
    return "; `" + dockerfile.path() + "` is taken for a development or test image by its name,"
        + " whose literal credentials are fixtures, as long as it never runs in production";
  }

  /**
   * A value that marks itself as one to replace: a word of the variable's own name
   * ({@code JWT_SECRET=SECRET}, {@code PASSWORD=password}, {@code API_KEY=key},
   * {@code GF_SECURITY_ADMIN_PASSWORD=admin}) or a
   * change-me marker ({@code changeme}, {@code change_me}, {@code replace-me},
   * {@code <your-token>}, {@code xxxx}), or a word that says the value is not a real one
   * (AzuraCast's {@code PROFILING_EXTENSION_HTTP_KEY=dev}, the profiler's development key). Not
   * any short word: {@code MYSQL_PASSWORD=secret} may be
   * the password a service really uses (instana/robot-shop's shipping service does).
   */
  /** Whole values that say they are not the real one: a development, test or example value. */
  private static final Set<String> NOT_REAL = Set.of("dev", "development", "test", "testing",
      "demo", "dummy", "example", "sample", "placeholder");

  static boolean replaceMe(String name, String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    if (v.isEmpty()) return false;
    // A word of the name, secret or not: teslamate's grafana image sets
    // GF_SECURITY_ADMIN_PASSWORD=admin (with GF_SECURITY_ADMIN_USER=admin), Grafana's documented
    // default login; POSTGRES_PASSWORD=postgres is the same kind of marker.
    for (String word : name.toLowerCase(java.util.Locale.ROOT).split("_")) {
      if (v.equals(word) && (word.length() >= 3 || SECRET.matcher(word).find())) return true;
      // A value that names itself with the name's secret word (flame's
      // PASSWORD=flame_password, the postgres docs' mysecretpassword): a made-up default in
      // plain words, which no generated secret is.
      if (word.length() >= 5 && STRONG_SECRET.matcher(word).matches() && v.contains(word)
          && v.matches("[a-z_.-]+")) {
        return true;
      }
    }
    if (madeOfNameWords(name, v)) return true;
    // "no" and a word of the name: nerves_hub_web's SECRET_KEY_BASE=nokey, set so the release
    // compiles, the real key read at start
    String joined = v.replace("-", "").replace("_", "");
    if (joined.startsWith("no") && joined.length() > 4) {
      for (String word : name.toLowerCase(java.util.Locale.ROOT).split("_")) {
        if (word.length() >= 3 && joined.equals("no" + word)) return true;
      }
    }
    String bare = v.replace("-", "").replace("_", "").replace(" ", "");
    // "change-me-in-production" (doccano's SECRET_KEY) says the same as changeme
    return bare.startsWith("changeme") || bare.startsWith("replaceme")
        || bare.startsWith("changethis") || markedPhrase(v)
        || NOT_REAL.contains(v)
        || bare.equals("setme") || v.chars().allMatch(c -> c == 'x') && v.length() >= 3
        || v.startsWith("<") && v.endsWith(">");
  }

  /**
   * The value is the name's secret word with nothing but words of the name, a counting
   * sequence and separators around it (MaxKB's POSTGRES_PASSWORD=Password123@postgres and
   * REDIS_PASSWORD=Password123@redis): a published default made up from the name. Anything else
   * left (password8f3kq2's 8f3kq2) may be generated.
   */
  private static boolean madeOfNameWords(String name, String v) {
    List<String> words = java.util.Arrays.stream(name.toLowerCase(java.util.Locale.ROOT)
        .split("_")).filter(w -> w.length() >= 3).toList();
    boolean secretWord = words.stream().anyMatch(w -> w.length() >= 5
        && STRONG_SECRET.matcher(w).matches() && v.contains(w));
    if (!secretWord) return false;
    String rest = v;
    for (String w : words) rest = rest.replace(w, " ");
    for (String part : rest.split("[\\s_.@!#-]+")) {
      if (!part.isEmpty() && !COUNTING.contains(part)) return false;
    }
    return true;
  }

  /** Digits people append to a made-up password. */
  private static final Set<String> COUNTING = Set.of("1", "12", "123", "1234", "12345",
      "123456", "01", "001");

  /**
   * Words that, in a phrase of three or more words, say the value is no real one; `random` and
   * `generated` say one is made at start (mineos-node's {@code USER_PASSWORD=random_see_log}, which
   * its entrypoint replaces with a generated password it logs).
   */
  private static final Set<String> PHRASE_MARKERS = Set.of("not", "unused", "change", "replace",
      "your", "placeholder", "dummy", "fake", "todo", "fixme", "insert", "example", "sample",
      "bad", "insecure", "default", "random", "generated");

  /**
   * A phrase that says what the value is not: homarr's
   * {@code NEXTAUTH_SECRET NOT_IN_USE_BECAUSE_JWTS_ARE_UNUSED}, openwisp's
   * {@code DJANGO_SECRET_KEY=DEFAULT_BAD_KEY}, openstatus's
   * {@code AUTH_SECRET="build-time-placeholder-min-32-chars-long"}. Three or more words (split at
   * {@code _ - .} and spaces), each all letters or all digits, one of them a marker; a secret is
   * not written in words.
   */
  static boolean markedPhrase(String lowerValue) {
    String[] words = lowerValue.split("[_.\\s-]++");
    if (words.length < 3) return false;
    boolean marked = false;
    for (String w : words) {
      // words, not a token cut at its dashes: sk-not-3fa9c1b2e7d8 is no phrase
      if (w.isEmpty() || !(w.chars().allMatch(Character::isLetter)
          || w.chars().allMatch(Character::isDigit))) {
        return false;
      }
      marked |= PHRASE_MARKERS.contains(w);
    }
    return marked;
  }

  /**
   * {@code auth} names a method as often as a credential: dolibarr's {@code DOLI_AUTH=dolibarr}
   * (its README: "dolibarr", "ldap" or "ldap, dolibarr"), {@code SMTP_AUTH=login}. When auth is
   * the name's only secret word and the ENV value is a list of lower-case words (a method's
   * name), it is a setting. Not an ARG default: {@code --build-arg} may pass a credential. A
   * credential has digits, capitals, symbols or a {@code user:password} form.
   */
  static boolean namesAMethod(String name, String value) {
    String[] words = name.toLowerCase(java.util.Locale.ROOT).split("_");
    long secretWords = java.util.Arrays.stream(words).filter(w -> SECRET.matcher(w).find()).count();
    if (secretWords != 1 || java.util.Arrays.stream(words).noneMatch("auth"::equals)) return false;
    String v = value.strip();
    if (v.isEmpty() || v.length() > 32) return false;
    for (char c : v.toCharArray()) {
      if (!(c >= 'a' && c <= 'z' || c == ',' || c == ' ' || c == '-')) return false;
    }
    return true;
  }

  /**
   * A .NET configuration path ({@code Section__0__Key}, ASP.NET Core's environment variable
   * form of {@code Section:0:Key}) whose last part is the Key or Name of a list element and whose
   * value is one word:
   * dotnet-docker's monitor image sets {@code DefaultProcess__Filters__0__Key=ProcessId}, the
   * name of the property a filter matches, not a key.
   */
  static boolean configurationKeyName(String name, String value) {
    String[] parts = name.split("__", -1);
    if (parts.length < 3) return false;
    String leaf = parts[parts.length - 1];
    if (!leaf.equalsIgnoreCase("key") && !leaf.equalsIgnoreCase("name")) return false;
    // the Key of an element of a list (Filters__0__Key, beside its Filters__0__Value): not
    // Jwt__Key, ASP.NET's signing key
    String index = parts[parts.length - 2];
    if (index.isEmpty() || !index.chars().allMatch(Character::isDigit)) return false;
    return !value.isEmpty() && value.length() <= 64
        && value.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z');
  }

  /** A boolean word: the variable turns something on or off, it holds no secret. */
  private static boolean isSwitch(String value) {
    return Set.of("true", "false", "yes", "no").contains(value.toLowerCase(java.util.Locale.ROOT));
  }

  static boolean secret(String name) {
    return SECRET.matcher(name).find() && !ALLOWED.matcher(name).find()
        && dev.berth.wiring.UrlVariables.standard().browser(name).isEmpty()
        && !dev.berth.rules.security.SecretValues.publicClientKey(name)
        && !SETTING.matcher(name).find() && !namedDataKey(name)
        && !(WEAK_SETTING.matcher(name).find() && !STRONG_SECRET.matcher(name).find());
  }

  /** Words before {@code key} that make it a key of data, not a credential. */
  // not primary or routing: Azure's PRIMARY_KEY and PagerDuty's ROUTING_KEY are credentials
  private static final Set<String> DATA_KEYS = Set.of("cache", "sort", "foreign", "partition",
      "lookup", "idempotency", "dedup", "shard");

  /**
   * A name whose only secret word is {@code key} right after a word of {@link #DATA_KEYS}: glpi's
   * {@code ARG GLPI_CACHE_KEY} ("Cache-busting key for glpi workflows") keys a cache.
   */
  static boolean namedDataKey(String name) {
    String[] words = name.toLowerCase(java.util.Locale.ROOT).split("_");
    boolean dataKey = false;
    for (int i = 0; i < words.length; i++) {
      if (!SECRET.matcher(words[i]).matches()) continue;
      if (!words[i].equals("key") || i == 0 || !DATA_KEYS.contains(words[i - 1])) return false;
      dataKey = true;
    }
    return dataKey;
  }

  public static String message(String instruction, String name) {
    return instruction + " " + name + " looks like it holds a secret: "
        + (instruction.equals("ARG")
            ? "a value passed with --build-arg is recorded in the image history of every RUN after"
                + " it"
            : "its value is stored in the image config for anyone who pulls the image")
        + "; use a secret mount (RUN --mount=type=secret) instead";
  }
}
