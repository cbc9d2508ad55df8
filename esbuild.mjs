// Bundles the extension and the command-line tools.
//   node esbuild.mjs                 development build (source maps)
//   node esbuild.mjs --production    minified, no source maps
//   node esbuild.mjs --only=NAME     build one entry (extension, emulator, scan, ...)
//   node esbuild.mjs --watch         rebuild on change
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

const node = { platform: 'node', format: 'cjs', target: 'node20' };

/**
 * Trims undici to what the Secrets API client uses (a Pool sending JSON strings), for the API bundle only:
 * - undici embeds its HTTP/1 parser (llhttp) twice, as SIMD and as plain WebAssembly, and falls back to the
 *   plain one when SIMD fails to compile. Bundling the plain build for both saves about 70 KB at no cost
 *   for the small JSON answers of the Secrets API.
 * - undici requires fetch's body module (with WebIDL, FormData and data-URL parsing, about 40 KB) only to
 *   encode FormData request bodies. The client's bodies are always strings, so that module is replaced by
 *   one that says so if it is ever reached.
 */
function trimUndici() {
  return {
    name: 'trim-undici',
    setup(build) {
      build.onResolve({ filter: /web\/fetch\/body\.js$/ }, (args) =>
        args.importer.includes('undici') ? { path: 'undici-fetch-body', namespace: 'trim-undici' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'trim-undici' }, () => ({
        contents: "exports.extractBody = () => { throw new Error('databricks-secrets: FormData and Blob request bodies are not bundled'); };",
        loader: 'js',
      }));
      build.onResolve({ filter: /llhttp_simd-wasm\.js$/ }, async (args) => {
        const plain = await build.resolve(args.path.replace('llhttp_simd-wasm.js', 'llhttp-wasm.js'), {
          kind: args.kind,
          resolveDir: args.resolveDir,
        });
        return { path: plain.path };
      });
    },
  };
}

/**
 * The commands bundle (dist/commands.js) and the editor bundle (dist/editor.js) are loaded by the extension bundle
 * on first use. Modules whose classes or state must be the extension's own are not copied into them: their imports
 * of them become require('./extension.js'), which re-exports them (src/host/shared.ts; keep both lists the same).
 */
const SHARED_WITH_COMMANDS = ['src/host/errors/hostErrors.ts', 'src/host/errors/describeError.ts', 'src/host/lazyApi.ts'];
function shareWithExtension() {
  return {
    name: 'share-with-extension',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData === 'shared-check') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'shared-check' });
        const relative = resolved.path.replace(/\\/g, '/');
        return SHARED_WITH_COMMANDS.some((file) => relative.endsWith(`/${file}`)) ? { path: './extension.js', external: true } : undefined;
      });
    },
  };
}

/** One entry per shipped artefact. The extension bundle must never pull in the emulator or tests. */
const entries = [
  { name: 'extension', entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], ...node },
  // The Secrets API client (undici + zod), loaded by the extension on first use (src/host/lazyApi.ts) so activation stays cheap.
  { name: 'extension', entryPoints: ['src/core/api/index.ts'], outfile: 'dist/api.js', ...node, plugins: [trimUndici()] },
  // The secret and scope commands, loaded on first use (src/host/lazyCommands.ts).
  { name: 'extension', entryPoints: ['src/host/commands/secretCommands.ts'], outfile: 'dist/commands.js', external: ['vscode'], ...node, plugins: [shareWithExtension()] },
  // Secret references as a language feature, loaded when a document that can hold references opens (src/host/references/registerReferences.ts).
  { name: 'extension', entryPoints: ['src/host/references/referenceFeatures.ts'], outfile: 'dist/references.js', external: ['vscode'], ...node, plugins: [shareWithExtension()] },
  // The ACL editor's panels (host side, zod/mini), loaded when the first panel opens (src/host/acl/managePermissions.ts).
  { name: 'extension', entryPoints: ['src/host/acl/aclPanels.ts'], outfile: 'dist/aclPanels.js', external: ['vscode'], ...node },
  // The ACL editor's webview script: a browser bundle (no Node, no vscode), loaded by the panel's page.
  { name: 'webview', entryPoints: ['src/webview/acl/main.ts'], outfile: 'dist/webview/acl.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // The editor features with the credential detector (CodeLens, diagnostics, quick fixes, the move), loaded right
  // after activation (src/host/editor/lazyEditor.ts). It bundles the `ignore` package for Scan Workspace's walk.
  { name: 'extension', entryPoints: ['src/host/editor/features.ts'], outfile: 'dist/editor.js', external: ['vscode'], ...node, plugins: [shareWithExtension()] },
  { name: 'emulator', entryPoints: ['src/cli/emulator.ts'], outfile: 'dist/emulator.js', ...node, banner: { js: '#!/usr/bin/env node' } },
  { name: 'scan', entryPoints: ['src/cli/scan.ts'], outfile: 'dist/scan.js', ...node, banner: { js: '#!/usr/bin/env node' } },
];

/** Prints errors in the `file:line:col: message` shape VS Code's problem matchers understand. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
    });
  },
};

const selected = entries.filter((e) => !only || e.name === only);
if (selected.length === 0) {
  console.error(`esbuild.mjs: no entry named "${only}"; known: ${entries.map((e) => e.name).join(', ')}`);
  process.exit(2);
}

let failed = false;
await Promise.all(
  selected.map(async ({ name, ...options }) => {
    if (!existsSync(options.entryPoints[0])) {
      console.warn(`esbuild.mjs: skipping ${name}: ${options.entryPoints[0]} does not exist yet`);
      return;
    }
    const config = {
      ...options,
      bundle: true,
      minify: production,
      sourcemap: production ? false : 'linked',
      sourcesContent: false,
      logLevel: 'warning',
      legalComments: production ? 'none' : 'inline',
      define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
      plugins: [problemMatcher, ...(options.plugins ?? [])],
    };
    if (watch) {
      const ctx = await esbuild.context(config);
      await ctx.watch();
    } else {
      const result = await esbuild.build(config).catch(() => ({ errors: [1] }));
      if (result.errors.length) failed = true;
    }
  }),
);
if (failed) process.exit(1);
