import { defineConfig } from 'vite';

// Shared by Storybook and `npm run build` (scripts/build.mjs adds the library settings).
export default defineConfig({
  esbuild: { target: 'es2022' },
  build: { target: 'es2022' },
});
