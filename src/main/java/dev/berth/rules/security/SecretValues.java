package dev.berth.rules.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which setting names hold secrets, and whether a literal value looks like a real credential or
 * a development placeholder. Names follow BuildKit's SecretsUsedInArgOrEnv (dockerfile2llb
 * validations.go: a {@code _}-separated word apikey, auth, credential(s), key, password, pword,
 * passwd, secret or token; not when public, file or version is a word too), with {@code pass}
 * added, {@code .} and {@code -} also separating words (label keys are dotted), and words that
 * name a setting about a secret rather than the secret itself added to the allow list.
 */
public final class SecretValues {
  private SecretValues() {}

  private static final Pattern DENY = Pattern.compile(
      "(?i)(?:[_.-]|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token"
          + "|pass)(?:[_.-]|$)");
  private static final Pattern ALLOW = Pattern.compile(
      "(?i)(?:[_.-]|^)(?:public|file|version|url|uri|host|port|path|dir|user|username|name|type"
          + "|mode|method|enabled|enable|length|timeout|ttl|expiry|expires|expiration|algorithm"
          + "|provider|header|id|prefix|issuer|audience|policy|required|min|max|rounds|hash"
          + "|cookie|domain|env|backend|strategy|location|size|format|scope|scopes|endpoint"
          + "|field|source|store|salt_length)(?:[_.-]|$)"
          // only as the last word: SECRET_MANAGER_DIRECTORY is a path, DIRECTORY_MANAGER_PASSWORD
          // and SUPABASE_SERVICE_ROLE_KEY are secrets
          + "|(?:[_.-]|^)(?:directory|role)$");

  /** A token format a provider documents, with the provider's name. */
  private record Format(String what, Pattern pattern) {}

  private static final List<Format> FORMATS = List.of(
      new Format("an AWS access key id", Pattern.compile("(AKIA|ASIA)[0-9A-Z]{16}")),
      new Format("a GitHub token", Pattern.compile("(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}"
          + "|github_pat_[A-Za-z0-9_]{60,}")),
      new Format("a GitLab token", Pattern.compile("glpat-[A-Za-z0-9_-]{20,}")),
      new Format("a Slack token", Pattern.compile("xox[abprs]-[A-Za-z0-9-]{10,}")),
      new Format("a Stripe live key", Pattern.compile("(sk|rk)_live_[A-Za-z0-9]{20,}")),
      new Format("a Google API key", Pattern.compile("AIza[0-9A-Za-z_-]{35}")),
      new Format("an npm token", Pattern.compile("npm_[A-Za-z0-9]{36}")),
      new Format("a SendGrid key", Pattern.compile("SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}")),
      new Format("an OpenAI key", Pattern.compile("sk-(proj-)?[A-Za-z0-9_-]{32,}")),
      new Format("a private key", Pattern.compile("(?s)-----BEGIN [A-Z ]*PRIVATE KEY-----.*")));

  /**
   * Keys their providers document as public, made to be embedded in clients: a PostHog project
   * API key ({@code phc_...}: posthog.com docs "API keys": the project key is "write-only" and
   * "safe to use in public apps"; personal keys are phx_), a Stripe publishable key
   * ({@code pk_live_...}, {@code pk_test_...}: docs.stripe.com keys, "Publishable keys ... can be
   * publicly accessible in your web or mobile app's client-side code").
   */
  private static final Pattern PUBLIC_KEY = Pattern.compile(
      "phc_[A-Za-z0-9]{20,}+|pk_(?:live|test)_[A-Za-z0-9]{20,}+");

  /**
   * An uncompressed P-256 public key in base64url (0x04 then two 32-byte coordinates: 87
   * characters starting with B), the form Web Push's VAPID public keys take: public by design.
   */
  private static final Pattern P256_POINT = Pattern.compile("B[A-Za-z0-9_-]{86}");

  /** Words that make a value a placeholder rather than a credential. */
  private static final Pattern PLACEHOLDER = Pattern.compile(
      "(?i).*(change|example|sample|dummy|placeholder|secret|password|passwd|insecure|test|dev"
          + "|local|default|demo|your|xxx|todo|fixme|replace|foo|bar|admin|root|guest|user).*");

  static boolean secretName(String name) {
    return DENY.matcher(name).find() && !ALLOW.matcher(name).find() && !publicClientKey(name);
  }

  /**
   * A key its provider documents as public, made to be handed to client code: a PostHog project
   * key, a Firebase web API key, the public half of a VAPID pair, a Pusher app key. BTH021 reads
   * names the same way: such a key in the image config gives nothing away.
   */
  public static boolean publicClientKey(String name) {
    return POSTHOG_PROJECT_KEY.matcher(name).find() || firebaseWebKey(name)
        || VAPID_PUBLIC.matcher(name).find() || PUSHER_APP_KEY.matcher(name).find()
        || SEGMENT_WRITE_KEY.matcher(name).find();
  }

  /**
   * A Segment source's write key, which analytics.js carries in every page it loads and which
   * Segment documents as public ("Explain why AJS Write Key is public", segmentio/segment-docs
   * #1035: it only lets a client send events to that source). RedisInsight's
   * RI_SEGMENT_WRITE_KEY is compiled into every desktop build.
   */
  private static final Pattern SEGMENT_WRITE_KEY = Pattern.compile(
      "(?i)(?:^|[_.-])segment_(?:[a-z0-9]+_)?write_?key$");

  /**
   * A Pusher Channels app key (pusher.com docs, Channels "Application keys": an app has an
   * {@code app_id}, a {@code key} and a {@code secret}; the key is what client libraries connect
   * with, in every browser: {@code new Pusher(APP_KEY, ...)}; the secret signs server requests).
   * keep's UI image hands PUSHER_APP_KEY to the browser; PUSHER_APP_SECRET stays a secret.
   */
  private static final Pattern PUSHER_APP_KEY = Pattern.compile(
      "(?i)(?:^|[_.-])pusher_(?:app_)?+key$");

  /**
   * A Firebase (or Firebase Cloud Messaging) API key, which identifies the project to Google's
   * servers and is handed to every web and mobile client (firebase.google.com docs "Learn about
   * using and managing API keys for Firebase": "API keys for Firebase services are not used to
   * control access to backend resources ... it's OK to include them in code or checked-in config
   * files"). tinode's FCM_API_KEY goes into the firebase-init.js every browser downloads.
   */
  private static boolean firebaseWebKey(String name) {
    List<String> words = java.util.Arrays.asList(
        name.toLowerCase(Locale.ROOT).split("[_.-]+", -1));
    int n = words.size();
    if (n < 2 || !(words.contains("firebase") || words.contains("fcm"))) return false;
    String last = words.get(n - 1);
    String pair = words.get(n - 2) + "_" + last;
    // the key is the name's end, after the Firebase word: FCM_API_KEY, FIREBASE_WEB_API_KEY
    int product = Math.max(words.lastIndexOf("firebase"), words.lastIndexOf("fcm"));
    return (last.equals("apikey") || last.equals("webkey") || pair.equals("api_key")
        || pair.equals("web_key")) && product < n - (last.equals("key") ? 2 : 1);
  }

  /**
   * The public half of a Web Push key pair (RFC 8292, VAPID: the application server's public key
   * that the browser's PushManager.subscribe is given): tinode's FCM_VAPID_KEY. A name that says
   * VAPID and public, or VAPID alone with a value that is an uncompressed P-256 point (65 bytes in
   * base64url: 87 characters starting with B); a VAPID private key (32 bytes, 43 characters) stays
   * a secret.
   */
  private static final Pattern VAPID_PUBLIC = Pattern.compile(
      "(?i)(?:^|[_.-])vapid[_.-](?:public[_.-])?key$|(?:^|[_.-])vapid[_.-]public(?:[_.-]key)?$");

  /**
   * A PostHog key that is not a personal one: the project API key, which PostHog's SDKs send
   * with every event from browsers and servers alike (posthog.com docs "API keys": the project
   * key is "write-only" and "safe to use in public apps"; personal API keys, which read data, are
   * the other kind). signoz's POSTHOG_API_KEY reports usage telemetry. Only key names
   * ({@code POSTHOG_KEY}, {@code POSTHOG_API_KEY}, {@code POSTHOG_PROJECT_API_KEY}): a
   * POSTHOG_DB_PASSWORD is a password, POSTHOG_PERSONAL_API_KEY a personal key.
   */
  private static final Pattern POSTHOG_PROJECT_KEY = Pattern.compile(
      "(?i)(?:^|[_.-])posthog_(?:project_)?+(?:api_)?+key$");

  /** How a literal value reads. */
  enum Kind { CREDENTIAL, PLACEHOLDER }

  /**
   * True for a value no secret can be: a switch word ({@code yes}, {@code off}, {@code none}) or
   * a number of at most six digits (a port, a count, a placeholder such as {@code 123456}).
   */
  public static boolean holdsNoSecret(String value) {
    String v = value.strip();
    // a short value with no letter or digit: an empty structure or a mark (gluetun's
    // HTTP_CONTROL_SERVER_AUTH_DEFAULT_ROLE="{}")
    boolean mark = v.chars().noneMatch(Character::isLetterOrDigit);
    if (mark) return v.length() <= 4; // a longer run of symbols may be a password
    if (pathList(v) || PUBLIC_KEY.matcher(v).matches() || P256_POINT.matcher(v).matches()
        || APP_ENV_REFERENCE.matcher(v).matches()) {
      return true;
    }
    // a switch word in decoration: haugene's OPENVPN_PASSWORD=**None**
    int from = 0;
    int to = v.length();
    while (!Character.isLetterOrDigit(v.charAt(from))) from++;
    while (!Character.isLetterOrDigit(v.charAt(to - 1))) to--;
    return v.substring(from, to).matches("(?i)true|false|yes|no|on|off|none|null|\\d{1,6}");
  }

  /**
   * A reference the application resolves from another variable at run time: Symfony's
   * {@code %env(CONTROLLER_PASSWORD)%} (with processors, {@code %env(resolve:NAME)%}):
   * docker-mailserver's web image names the variable that holds the password, not the password.
   */
  private static final Pattern APP_ENV_REFERENCE =
      Pattern.compile("%env\\((?:[a-z_]++:)*+[A-Za-z_][A-Za-z0-9_]*+\\)%");

  /**
   * A list of URL paths or absolute file paths ({@code /api/v1/opds,/api/koreader/*}: Umbrel's
   * app_proxy PROXY_AUTH_WHITELIST, the paths it lets through without login): each item starts
   * with a slash and has no space.
   */
  private static boolean pathList(String v) {
    String[] items = v.split(",", -1);
    int slashes = 0;
    for (String item : items) {
      String i = item.strip();
      // base64 has + and =; a secret may well start with a slash (1 in 64 base64 strings does)
      if (!i.startsWith("/") || i.contains(" ") || i.contains("+") || i.contains("=")) {
        return false;
      }
      slashes += (int) i.chars().filter(c -> c == '/').count();
    }
    // several paths, or one with at least two levels (/run/secrets/db): not one slash-led token
    return items.length > 1 || slashes > 1;
  }

  /**
   * A value that is no credential: empty, a switch or short number, or a placeholder word
   * ({@code secret}, {@code root}, {@code changeme}), short of the length a random secret has.
   */
  public static boolean placeholderOrNothing(String value) {
    return read(value).map(r -> r.kind() == Kind.PLACEHOLDER).orElse(true);
  }

  /** A credential and what it looks like, or a placeholder; empty for no value worth a word. */
  static Optional<Reading> read(String value) {
    String v = value.strip();
    if (holdsNoSecret(v)) return Optional.empty();
    for (Format f : FORMATS) {
      // documentation examples (AWS's AKIAIOSFODNN7EXAMPLE) have the format but are no secret,
      // nor do x-filled ones (vimagick's hubot: HUBOT_SLACK_TOKEN=xoxb-xxxxxxxxxxx-xxxx...)
      String lower = v.toLowerCase(Locale.ROOT);
      if (f.pattern().matcher(v).matches() && !lower.contains("example") && !xFilled(lower)) {
        return Optional.of(new Reading(Kind.CREDENTIAL, f.what()));
      }
    }
    Optional<String> hashed = hashedPlaceholder(v);
    if (hashed.isPresent()) return Optional.of(new Reading(Kind.PLACEHOLDER, hashed.get()));
    if (v.length() >= 20 && !PLACEHOLDER.matcher(v).matches() && !phrase(v) && random(v)
        && !encodedPlaceholder(v)) {
      return Optional.of(new Reading(Kind.CREDENTIAL, "a random " + v.length()
          + "-character string"));
    }
    return Optional.of(new Reading(Kind.PLACEHOLDER, "'" + shorten(v) + "'"));
  }

  /**
   * A credential format filled with x's where the secret goes (vimagick's hubot:
   * xoxb-xxxxxxxxxxx-xxxx...): most of its letters and digits are x.
   */
  private static boolean xFilled(String lower) {
    long alnum = lower.chars().filter(Character::isLetterOrDigit).count();
    long x = lower.chars().filter(c -> c == 'x').count();
    return alnum > 0 && x * 2 > alnum;
  }

  record Reading(Kind kind, String what) {}

  /** Default passwords whose digests stand in configuration for the password itself. */
  private static final List<String> DEFAULT_PASSWORDS = List.of("admin", "password", "changeme",
      "secret", "root", "test", "guest", "user", "123456", "12345678", "default", "demo",
      "example", "letmein", "pass");

  /** Hex digest lengths: MD5, SHA-1, SHA-256, SHA-512. */
  private static final java.util.Map<Integer, String> DIGESTS = java.util.Map.of(32, "MD5",
      40, "SHA-1", 64, "SHA-256", 128, "SHA-512");

  /**
   * A hex digest of a default password (keep's Graylog stack: GRAYLOG_ROOT_PASSWORD_SHA2
   * {@code 8c6976e5...a918}, which is SHA-256 of {@code admin}, and a comment says so): random
   * to the eye, a well-known default in fact. Its description, when it is one.
   */
  private static Optional<String> hashedPlaceholder(String v) {
    String algorithm = DIGESTS.get(v.length());
    if (algorithm == null || !v.matches("[0-9a-fA-F]+")) return Optional.empty();
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance(algorithm);
      for (String word : DEFAULT_PASSWORDS) {
        byte[] d = md.digest(word.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (java.util.HexFormat.of().formatHex(d).equalsIgnoreCase(v)) {
          return Optional.of("the " + algorithm + " of the default password '" + word + "'");
        }
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * Base64 of a placeholder phrase: JHipster's generated JWT secret
   * {@code bXktc2VjcmV0LWtleS13aGljaC1zaG91bGQtYmUtY2hhbmdlZC1pbi1wcm9kdWN0aW9u...} is
   * "my-secret-key-which-should-be-changed-in-production-and-be-base64-encoded". The text must
   * decode to printable ASCII that has a placeholder word.
   */
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]++=*+");

  private static boolean encodedPlaceholder(String v) {
    if (!BASE64.matcher(v).matches()) return false;
    byte[] bytes;
    try {
      bytes = v.contains("-") || v.contains("_") ? java.util.Base64.getUrlDecoder().decode(v)
          : java.util.Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (bytes.length < 8) return false;
    for (byte b : bytes) {
      if ((b < 0x20 || b > 0x7e) && b != '\n') return false;
    }
    String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).strip();
    // user:password, as HTTP Basic authentication encodes it: a credential whatever the user
    return !text.contains(":") && PLACEHOLDER.matcher(text).matches();
  }

  /**
   * A value spelled as English words run together ({@code SomeRandomStringWith32Characters},
   * {@code ThisIsMyKeyForProduction}, {@code @someThingComplicated1234}): a placeholder someone
   * typed, not a generated key. Only capitalised words (the first may be lower case), digit runs
   * and {@code _.-}, with symbols at either end; at least three words, each with a vowel. A
   * generated mixed-case key almost never splits so (a lower-case letter after a digit, two
   * capitals in a row or a vowel-less word break it). A loop, not a regex: no backtracking.
   */
  public static boolean phrase(String value) {
    // the symbols a password rule asks for, added at either end (eShopOnWeb's SQL Edge password
    // `@someThingComplicated1234`)
    int from = 0;
    int to = value.length();
    while (from < to && DECORATIONS.indexOf(value.charAt(from)) >= 0) from++;
    while (to > from && DECORATIONS.indexOf(value.charAt(to - 1)) >= 0) to--;
    String v = value.substring(from, to);
    int words = 0;
    int i = 0;
    while (i < v.length()) {
      char c = v.charAt(i);
      // camelCase: the first word in lower case (someThingComplicated)
      boolean firstLower = i == 0 && c >= 'a' && c <= 'z';
      if (c >= 'A' && c <= 'Z' || firstLower) {
        int end = i + 1;
        boolean vowel = firstLower && "aeiouy".indexOf(c) >= 0;
        while (end < v.length() && v.charAt(end) >= 'a' && v.charAt(end) <= 'z') {
          vowel |= "aeiouy".indexOf(v.charAt(end)) >= 0;
          end++;
        }
        if (end == i + 1 || !vowel) return false;
        words++;
        i = end;
      } else if (c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
        i++;
      } else {
        return false;
      }
    }
    return words >= 3;
  }

  private static final String DECORATIONS = "@!#$%&*?+=~^";

  /** Mixed letters and digits with high per-character entropy, as generated keys have. */
  private static boolean random(String v) {
    boolean letters = v.chars().anyMatch(Character::isLetter);
    boolean digits = v.chars().anyMatch(Character::isDigit);
    if (!letters || !digits || v.contains(" ")) return false;
    int[] counts = new int[128];
    int n = 0;
    for (char c : v.toCharArray()) {
      if (c < 128) {
        counts[c]++;
        n++;
      }
    }
    double h = 0;
    for (int c : counts) {
      if (c == 0) continue;
      double p = (double) c / n;
      h -= p * Math.log(p) / Math.log(2);
    }
    return h >= 3.5;
  }

  /** A URL's password, as in {@code postgres://app:s3cret@db/app}. */
  static Optional<String> urlPassword(String value) {
    var m = Pattern.compile("^[a-z][a-z0-9+.-]*://[^:/@\\s]+:([^@/\\s]+)@")
        .matcher(value.toLowerCase(Locale.ROOT).startsWith("http") || value.contains("://")
            ? value : "");
    return m.find() && !m.group(1).contains("$") ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String shorten(String v) {
    return v.length() <= 12 ? v : v.substring(0, 4) + "…";
  }
}
