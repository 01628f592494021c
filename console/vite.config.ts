import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is built into console/dist and served by the server at `/`.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
