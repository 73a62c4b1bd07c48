import { defineConfig } from 'vite';

// Built by Maven (services/graphql's pom: npm ci, then vite build with --outDir into
// target/classes/META-INF/resources); `npm run build` alone writes dist/.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline assets or scripts: the Content-Security-Policy allows only files from this origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
});
