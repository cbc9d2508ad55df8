/**
 * Modules the lazily loaded commands bundle (`dist/commands.js`) shares with the extension bundle instead of
 * carrying copies: their classes are checked with `instanceof` and the API loader keeps state. esbuild.mjs turns
 * the commands bundle's imports of these files into `require('./extension.js')`, whose exports include these.
 * Keep this list and SHARED_WITH_COMMANDS in esbuild.mjs the same.
 */
export * from './errors/hostErrors';
export * from './errors/describeError';
export * from './lazyApi';
