import { defineConfig } from "tsup"

/**
 * One self-contained binary: every dependency is bundled (nothing to resolve
 * in node_modules at start-up), split so that `dist/bin.js` holds only what
 * `--help` and `--version` need; the commands (`main`), the fake of `--demo`
 * and the connector of `sync` are chunks loaded on demand.
 */
export default defineConfig({
  entry: { bin: "src/bin.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  splitting: true,
  noExternal: [/.*/],
  // Bundled CommonJS modules call `require` for Node built-ins; ESM has none of its own.
  banner: {
    js: 'import { createRequire as __cliCreateRequire } from "node:module";\nconst require = __cliCreateRequire(import.meta.url);'
  },
  dts: false,
  sourcemap: false,
  clean: true
})
