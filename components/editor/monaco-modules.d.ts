// Monaco's TypeScript support, which the editor's preload fetches ahead of Monaco's own
// lazy import (lazy-code-editor.tsx). Only loaded for its module, so no types are needed.
declare module 'monaco-editor/languages/features/typescript/tsMode.js';
