package dev.berth.wiring;

/**
 * Thrown inside a walk over a server's configuration files (nginx, php-fpm, Apache) when the
 * answer becomes unknown; caught by the class that started the walk, never leaves the package.
 */
final class ConfigUnknown extends Exception {
  ConfigUnknown() {
    super(null, null, false, false);
  }
}
