/** @type {import('next').NextConfig} */
const nextConfig = {
  output: process.env.BUILD_STANDALONE ? 'standalone' : undefined,
}

module.exports = nextConfig
