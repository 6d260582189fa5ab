import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'labs/**/*.test.ts', 'content/**/*.test.ts', 'tests/unit/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // @grafana/data's ESM build imports CommonJS packages (moment-timezone) by named
    // export, which Node's own loader refuses; let Vite transform it instead.
    // GitHub's workflow parser imports its JSON schema without an import attribute,
    // which Node's loader also refuses; Vite inlines the JSON.
    server: { deps: { inline: [/@grafana\/data/, /@actions\/workflow-parser/, /@actions\/expressions/] } },
    testTimeout: 20000,
  },
});
