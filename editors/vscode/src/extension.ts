// The factlint extension: starts `factlint lsp` for Markdown documents with
// vscode-languageclient, hands it the `factlint.*` settings it reads, and restarts it on
// demand. Diagnostics, hovers, go to definition, quick fixes and the "Indexing sources"
// progress all come from the server through the client.
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { findServer, SERVER_SETTINGS, type ServerSettingKey, serverSettings } from './server';

const INSTALL_URL = 'https://github.com/factlint/factlint#install-in-your-editor';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

/** The "factlint" output channel: the extension's and the server's logs, and traces. */
function channel(): vscode.OutputChannel {
  output ??= vscode.window.createOutputChannel('factlint');
  return output;
}
// One start or stop at a time: a restart during a start waits for it.
let busy: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    channel(),
    vscode.commands.registerCommand('factlint.restartServer', () => queue(restart)),
    vscode.commands.registerCommand('factlint.showOutput', () => {
      channel().show(true);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('factlint.path')) {
        void queue(restart);
      } else if (SERVER_SETTINGS.some((k) => e.affectsConfiguration(`factlint.${k}`))) {
        // The server asks for the section again (workspace/configuration), through the
        // middleware below; the notification carries it too, for servers that do not ask.
        client
          ?.sendNotification(DidChangeConfigurationNotification.type, {
            settings: { factlint: currentServerSettings() },
          })
          .catch((e: unknown) => {
            channel().appendLine(`factlint: sending the settings: ${String(e)}`);
          });
      }
    }),
  );
  return queue(start);
}

export function deactivate(): Promise<void> {
  return queue(stop);
}

function queue(step: () => Promise<void>): Promise<void> {
  busy = busy.then(step, step);
  return busy;
}

/** A server setting as the user set it (any scope), or undefined when nobody set it. */
function userValue(key: ServerSettingKey): unknown {
  const config = vscode.workspace.getConfiguration('factlint');
  const inspected = config.inspect(key);
  if (
    inspected?.globalValue === undefined &&
    inspected?.workspaceValue === undefined &&
    inspected?.workspaceFolderValue === undefined
  ) {
    return undefined;
  }
  return config.get(key);
}

function currentServerSettings(): Record<string, unknown> {
  return serverSettings(userValue);
}

async function start(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const configured = vscode.workspace.getConfiguration('factlint').get<string | null>('path');
  const found = findServer(configured, folder, process.env['PATH']);
  if (found.kind === 'missing') {
    channel().appendLine(`factlint: cannot start the language server: ${found.reason}`);
    void tellMissing(found.reason);
    return;
  }
  channel().appendLine(`factlint: starting ${found.path} lsp`);
  const serverOptions: ServerOptions = {
    run: { command: found.path, args: ['lsp'] },
    debug: { command: found.path, args: ['lsp'] },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    outputChannel: channel(),
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: () => ({ factlint: currentServerSettings() }),
    middleware: {
      workspace: {
        // The `factlint` section holds client-only settings (path, trace) too, which the
        // server would reject: answer with the server's settings only.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return params.items.map((item, i) =>
            item.section === 'factlint' ? currentServerSettings() : (answers[i] as unknown),
          );
        },
      },
    },
  };
  const next = new LanguageClient('factlint', 'factlint', serverOptions, clientOptions);
  client = next;
  try {
    await next.start();
  } catch (e) {
    client = undefined;
    const message = e instanceof Error ? e.message : String(e);
    channel().appendLine(`factlint: the language server did not start: ${message}`);
    void vscode.window.showErrorMessage(
      `factlint: the language server (${found.path} lsp) did not start: ${message}`,
    );
  }
}

async function stop(): Promise<void> {
  const current = client;
  client = undefined;
  if (current === undefined) {
    return;
  }
  try {
    await current.stop(5000);
  } catch (e) {
    channel().appendLine(`factlint: stopping the server: ${e instanceof Error ? e.message : String(e)}`);
  }
  await current.dispose().catch(() => undefined);
}

async function restart(): Promise<void> {
  await stop();
  await start();
  if (client !== undefined) {
    vscode.window.setStatusBarMessage('factlint: language server restarted', 3000);
  }
}

async function tellMissing(reason: string): Promise<void> {
  const install = 'Install instructions';
  const settings = 'Set factlint.path';
  const choice = await vscode.window.showErrorMessage(
    `factlint: cannot start the language server. ${reason} Install factlint (cargo install --path .) or set factlint.path, then run "factlint: Restart server".`,
    install,
    settings,
  );
  if (choice === install) {
    await vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
  } else if (choice === settings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'factlint.path');
  }
}
