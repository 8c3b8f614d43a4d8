package dev.berth.rules.security;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An rclone password setting given in the environment ({@code RCLONE_CONFIG_MYFTP_PASS},
 * {@code RCLONE_WEBDAV_PASS}) holds the password "obscured", and obscuring is reversible by
 * design: AES-256-CTR under a key every copy of rclone carries, the IV first, base64url without
 * padding (rclone docs, "rclone obscure": "this is not a secure way of encrypting these
 * passwords as rclone can decrypt them"; the key is fs/config/obscure's cryptKey). berth reads the
 * password behind it and judges that: docker-selenium's obscured FTP password is the demo FTP
 * server's {@code selenium.dev}, written beside it.
 */
final class RcloneObscured {
  private RcloneObscured() {}

  /** rclone's fixed obscuring key (fs/config/obscure/obscure.go, cryptKey). */
  private static final byte[] KEY = {
      (byte) 0x9c, (byte) 0x93, 0x5b, 0x48, 0x73, 0x0a, 0x55, 0x4d,
      0x6b, (byte) 0xfd, 0x7c, 0x63, (byte) 0xc8, (byte) 0x86, (byte) 0xa9, 0x2b,
      (byte) 0xd3, (byte) 0x90, 0x19, (byte) 0x8e, (byte) 0xb8, 0x12, (byte) 0x8a, (byte) 0xfb,
      (byte) 0xf4, (byte) 0xde, 0x16, 0x2b, (byte) 0x8b, (byte) 0x95, (byte) 0xf6, 0x38};

  /** The endings of rclone's password options: pass, password, password2. */
  private static final java.util.List<String> PASSWORD_OPTIONS = java.util.List.of("_PASS",
      "_PASSWORD", "_PASSWORD2");

  /**
   * rclone's environment names for a backend option ({@code RCLONE_CONFIG_<REMOTE>_<OPTION>},
   * {@code RCLONE_<BACKEND>_<OPTION>}) whose option is a password, with any prefix a wrapper
   * strips (docker-selenium's {@code SE_RCLONE_CONFIG_...}). Not rclone's own plain-text
   * passwords: {@code RCLONE_CONFIG_PASS} (the config file's), {@code RCLONE_RC_PASS} (the
   * remote control's), which are never obscured.
   */
  private static boolean passwordSetting(String name) {
    String n = name.toUpperCase(java.util.Locale.ROOT);
    int prefixed = n.indexOf("_RCLONE_");
    int at = n.startsWith("RCLONE_") ? 0 : prefixed < 0 ? -1 : prefixed + 1;
    if (at < 0) return false;
    String rest = n.substring(at + "RCLONE_".length());
    for (String option : PASSWORD_OPTIONS) {
      if (!rest.endsWith(option)) continue;
      String owner = rest.substring(0, rest.length() - option.length());
      // CONFIG_<REMOTE> or <BACKEND>: a part that names a remote or a backend
      if (owner.startsWith("CONFIG_") ? owner.length() > "CONFIG_".length()
          : !owner.isEmpty() && !owner.equals("CONFIG") && !owner.equals("RC")) {
        return true;
      }
    }
    return false;
  }

  /** Shorter than this, a "revealed" password is as likely a random value's accident. */
  private static final int MIN_PASSWORD = 4;

  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{24,4096}+");

  /** The password behind an obscured value of such a setting, when it reads as text. */
  static Optional<String> reveal(String name, String value) {
    if (!passwordSetting(name) || !BASE64URL.matcher(value).matches()) {
      return Optional.empty();
    }
    try {
      byte[] in = Base64.getUrlDecoder().decode(value);
      if (in.length <= 16) return Optional.empty();
      Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"),
          new IvParameterSpec(Arrays.copyOf(in, 16)));
      byte[] plain = c.doFinal(Arrays.copyOfRange(in, 16, in.length));
      if (plain.length < MIN_PASSWORD) return Optional.empty();
      for (byte b : plain) {
        if (b < 0x20 || b > 0x7e) return Optional.empty(); // not a typed password: leave it
      }
      return Optional.of(new String(plain, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
      return Optional.empty();
    }
  }
}
