/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // output: 'standalone' was meant to be here
  images: { remotePatterns: [{ protocol: 'https', hostname: 'cdn.example.com' }] },
};

export default nextConfig;
