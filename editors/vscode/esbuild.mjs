// Bundles the extension (src/extension.ts and vscode-languageclient) into one file,
// dist/extension.js. `--production` minifies; `--watch` rebuilds on change; `--tests`
// also builds the unit tests (src/**/*.test.ts) to dist/test/.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  external: ['vscode'],
  logLevel: 'warning',
};

const extension = {
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
};

if (watch) {
  const ctx = await esbuild.context(extension);
  await ctx.watch();
} else {
  await esbuild.build(extension);
  if (tests) {
    const entryPoints = readdirSync('src')
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `src/${f}`);
    await esbuild.build({ ...common, entryPoints, outdir: 'dist/test' });
  }
}
