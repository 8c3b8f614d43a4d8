package dev.berth.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a next.config says about output, written by hand in the forms Next's docs show
 * (module.exports object, const + export default, next.config.ts with a type) and the forms
 * berth must not guess at (functions, plugin wrappers, spreads, conditional values).
 */
class NextConfigTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "module.exports = { output: 'standalone' }|STANDALONE",
      "module.exports = {~  output: \"standalone\",~}|STANDALONE",
      "const nextConfig: NextConfig = {~  output: `standalone`~};~export default nextConfig;|STANDALONE",
      "module.exports = { experimental: { outputStandalone: true } }|STANDALONE",
      "module.exports = { reactStrictMode: true }|NONE",
      "/** @type {import('next').NextConfig} */~const nextConfig = {~  // output: 'standalone'~  images: { domains: ['https://cdn.example.com'] },~}~~module.exports = nextConfig|NONE",
      "import type { NextConfig } from 'next';~const nextConfig: NextConfig = { poweredByHeader: false };~export default nextConfig;|NONE",
      "module.exports = { output: 'export' }|OTHER",
      "module.exports = { output: process.env.STANDALONE ? 'standalone' : undefined }|UNKNOWN",
      "module.exports = withBundleAnalyzer({ reactStrictMode: true })|UNKNOWN",
      "const base = require('./base.config');~module.exports = { ...base }|UNKNOWN",
      "module.exports = (phase) => ({ reactStrictMode: true })|UNKNOWN",
      "export default async function config() { return {} }|UNKNOWN",
      "const nextConfig = {};~nextConfig.output = 'standalone';~module.exports = nextConfig|UNKNOWN",
      "const nextConfig = { reactStrictMode: true };~nextConfig['images'] = {};~module.exports = nextConfig|UNKNOWN",
      "const output = 'standalone';~module.exports = { output }|UNKNOWN",
      "module.exports = { a: 1 };~module.exports.b = 2|UNKNOWN",
  })
  void readsOutput(String config, NextConfig.Output expected) {
    assertEquals(expected, NextConfig.read(config.replace("~", "\n")).output());
  }
}
