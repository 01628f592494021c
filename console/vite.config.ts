import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is built into console/dist and served by the server at `/`. It is one small app whose
// bulk is the chart library, served from the same machine: one bundle is fine, so the size warning
// is raised rather than the app split.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 900 },
});
