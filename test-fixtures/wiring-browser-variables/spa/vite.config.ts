import { defineConfig, loadEnv } from 'vite';

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), '');
  // The dev server forwards /api to the backend; the browser only sees /api.
  return { server: { proxy: { '/api': env.VITE_PROXY_TARGET } } };
});
