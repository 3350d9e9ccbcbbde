import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { findServer, serverSettings } from './server';

const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-ext-'));
const exe = path.join(bin, 'factlint');
fs.writeFileSync(exe, '#!/bin/sh\n');
fs.chmodSync(exe, 0o755);
const notExe = path.join(bin, 'plain');
fs.writeFileSync(notExe, '');

void test('factlint on the PATH', () => {
  assert.deepEqual(findServer(undefined, undefined, `/nonexistent:${bin}`, 'linux'), {
    kind: 'found',
    path: exe,
  });
});

void test('factlint.path wins over the PATH, relative to the workspace folder', () => {
  assert.deepEqual(findServer('factlint', bin, '/nonexistent', 'linux'), { kind: 'found', path: exe });
  assert.deepEqual(findServer(exe, undefined, '', 'linux'), { kind: 'found', path: exe });
});

void test('a missing binary says why', () => {
  const reason = (found: ReturnType<typeof findServer>): string =>
    found.kind === 'missing' ? found.reason : `found ${found.path}`;
  assert.match(reason(findServer(null, undefined, '/nonexistent', 'linux')), /not on the PATH/);
  assert.match(reason(findServer(notExe, undefined, bin, 'linux')), /not an executable/);
});

void test('only the server settings the user set are sent', () => {
  const set: Record<string, unknown> = { corpus: ['sources'], unverified: false, debounce: undefined };
  assert.deepEqual(
    serverSettings((k) => set[k]),
    { corpus: ['sources'], unverified: false },
  );
});
