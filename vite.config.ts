import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The API server the dev server and `vite preview` forward to. Override with
// API_URL when the server runs on another port (e.g. API_URL=http://localhost:3100).
const apiTarget = process.env.API_URL ?? 'http://localhost:3000';
const proxy = {
  '/api': { target: apiTarget, changeOrigin: false },
  '/feed.atom': { target: apiTarget, changeOrigin: false },
  // Sign-in links (/auth/verify) and the development mailbox (/dev/mailbox) are the server's pages too.
  '/auth/': { target: apiTarget, changeOrigin: false },
  '/dev/': { target: apiTarget, changeOrigin: false },
};

export default defineConfig({
  // index.html stays at the repository root so Vite's root (and Vitest, which
  // reads this file when it has no config of its own) keeps seeing the whole repo.
  plugins: [
    react(),
    // Installable and readable offline: our own service worker (web/offline/sw.ts) gets the
    // list of build files to precache; web/public/manifest.webmanifest is kept as written.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'web/offline',
      filename: 'sw.ts',
      // Registered by web/main.tsx, in production builds only.
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      },
      devOptions: { enabled: false },
    }),
  ],
  // Static files copied as-is into the build: manifest, icons.
  publicDir: fileURLToPath(new URL('./web/public', import.meta.url)),
  build: {
    // The server serves this folder with an SPA fallback to index.html.
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
  },
  server: { proxy },
  preview: { proxy },
});
