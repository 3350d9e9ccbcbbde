// What the extension decides without VS Code: where the factlint binary is, and which of
// the `factlint.*` settings go to the server (the rest are the client's own).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Settings the server reads (`src/lsp/settings.rs`); `tests/vscode_settings.rs` checks
 * this list and package.json against the server's own. */
export const SERVER_SETTINGS = ['corpus', 'rules', 'severity', 'unverified', 'debounce'] as const;

/** Settings only the extension reads; they are never sent to the server. */
export const CLIENT_SETTINGS = ['path', 'trace.server'] as const;

export type ServerSettingKey = (typeof SERVER_SETTINGS)[number];

/** Where to read a setting: what the user set (undefined when nothing was set). */
export type SettingReader = (key: ServerSettingKey) => unknown;

/** The `factlint` section sent to the server: only the server's settings, and only the
 * ones the user set, so that `factlint.toml` keeps its say on the rest. */
export function serverSettings(read: SettingReader): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SERVER_SETTINGS) {
    const value = read(key);
    if (value !== undefined && value !== null) {
      out[key] = value;
    }
  }
  return out;
}

/** Is this an executable file? */
function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export type Found = { kind: 'found'; path: string } | { kind: 'missing'; reason: string };

/**
 * The factlint binary: `configured` (the `factlint.path` setting; `~` and paths relative
 * to `folder` allowed) when set, else `factlint` on `envPath`.
 */
export function findServer(
  configured: string | null | undefined,
  folder: string | undefined,
  envPath: string | undefined,
  platform: NodeJS.Platform = process.platform,
): Found {
  const exe = platform === 'win32' ? 'factlint.exe' : 'factlint';
  const setting = configured?.trim() ?? '';
  if (setting !== '') {
    let file = setting.startsWith('~/') ? path.join(os.homedir(), setting.slice(2)) : setting;
    if (!path.isAbsolute(file) && folder !== undefined) {
      file = path.resolve(folder, file);
    }
    if (isExecutable(file)) {
      return { kind: 'found', path: file };
    }
    return {
      kind: 'missing',
      reason: `factlint.path is set to "${setting}", but ${file} is not an executable file.`,
    };
  }
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (dir === '') {
      continue;
    }
    const file = path.join(dir, exe);
    if (isExecutable(file)) {
      return { kind: 'found', path: file };
    }
  }
  return {
    kind: 'missing',
    reason: `${exe} is not on the PATH, and factlint.path is not set.`,
  };
}
