// The end-to-end test: code-server (VS Code's workbench and extension host) with the
// factlint .vsix installed, driven in Debian's Chromium by playwright-core, as a person
// would use it. It opens a brief with planted wrong figures, reads the FL001 warning from
// the Problems panel and the hover text from the editor, restarts the server with the
// command, and keeps a screenshot.
//
// Usage: node e2e.mjs URL WORKSPACE SCREENSHOT   (ci.sh starts code-server and calls it)
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [url, workspace, screenshot] = process.argv.slice(2);
if (!url || !workspace || !screenshot) {
  console.error('usage: node e2e.mjs URL WORKSPACE SCREENSHOT');
  process.exit(2);
}
const factlint = process.env.FACTLINT_E2E_BIN;
if (!factlint) {
  console.error('FACTLINT_E2E_BIN: the factlint binary to set as factlint.path');
  process.exit(2);
}
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT = 90_000; // the first check waits for the corpus to be indexed

// What `factlint check examples/briefs` says about line 10 of wrong-figures.md.
const MESSAGE =
  'brief says 2011; "Vladimir Putin Seeks Better Relationship Between Russia and North Korea" (seeds/000_53df021868668736.txt:7) says 2012';
// How many figures `factlint check` flags FL001 in the brief: the Problems panel must show
// as many warnings, no more and no fewer.
const EXPECTED_WARNINGS = (() => {
  const out = execFileSync(
    factlint,
    ['check', 'wrong-figures.md', '--corpus', 'seeds', '--format', 'json', '--fail-on', 'never'],
    { cwd: workspace, encoding: 'utf8' },
  );
  return JSON.parse(out).diagnostics.filter((d) => d.code === 'FL001').length;
})();
const HOVER = [
  'factlint: 2011 is contradicted by the sources (FL001)',
  'The brief says 2011; the sources say 2012.',
  'Bae was arrested in 2012 and sentenced to 15 years of hard labor.',
  'Vladimir Putin Seeks Better Relationship Between Russia and North Korea',
  'seeds/000_53df021868668736.txt:7',
];

let passed = 0;
let failed = 0;
const results = [];
async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    passed += 1;
    results.push(`ok - ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log(results.at(-1));
  } catch (e) {
    failed += 1;
    results.push(`not ok - ${name}: ${e instanceof Error ? e.message : String(e)}`);
    console.log(results.at(-1));
    throw e;
  }
}

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
page.setDefaultTimeout(TIMEOUT);

/** Runs a command by its title from the command palette (F1). */
async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title })
    .first()
    .waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

async function shoot() {
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });
  console.log(`screenshot: ${screenshot}`);
}

let error;
try {
  await step('the workbench loads with the workspace', async () => {
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor();
  });

  await step('the brief opens in the editor', async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('wrong-figures.md');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'wrong-figures.md' })
      .first()
      .waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'Kenneth Bae' }).waitFor();
  });

  await step('a wrong factlint.path is reported, with a link to the install instructions', async () => {
    const toast = page.locator('.notification-toast', { hasText: 'cannot start the language server' });
    await toast.first().waitFor({ state: 'visible' });
    const text = (await toast.first().innerText()).replace(/\s+/g, ' ');
    for (const part of ['factlint-missing is not an executable file', 'Install instructions', 'Set factlint.path']) {
      if (!text.includes(part)) {
        throw new Error(`the notification ${JSON.stringify(text)} lacks ${JSON.stringify(part)}`);
      }
    }
    await runCommand('Notifications: Clear All Notifications');
    // Fix the setting as a person would in .vscode/settings.json: the server starts.
    writeFileSync(
      join(workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'factlint.path': factlint }, null, 2),
    );
  });

  await step('the Problems panel shows the FL001 warning with its message', async () => {
    await runCommand('Problems: Focus on Problems View');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'brief says 2011' });
    await row.first().waitFor({ state: 'visible' });
    const text = (await row.first().innerText()).replace(/\s+/g, ' ');
    for (const part of [MESSAGE, 'factlint', 'FL001', '[Ln 10, Col 29]']) {
      if (!text.includes(part)) {
        throw new Error(`the Problems row ${JSON.stringify(text)} lacks ${JSON.stringify(part)}`);
      }
    }
    const warnings = await page
      .locator('.markers-panel .monaco-list-row', { has: page.locator('.codicon-warning') })
      .count();
    if (warnings !== EXPECTED_WARNINGS) {
      throw new Error(
        `expected the ${EXPECTED_WARNINGS} contradicted figures of the brief as warnings, saw ${warnings}`,
      );
    }
  });

  await step('the hover on the figure quotes the source and names its title', async () => {
    // Put the cursor on "2011" (line 10, column 29) and show the hover, as Ctrl+K Ctrl+I does.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(':10:30');
    await page.keyboard.press('Enter');
    await runCommand('Show or Focus Hover');
    const hover = page.locator('.monaco-hover', { hasText: 'contradicted by the sources' });
    await hover.first().waitFor({ state: 'visible' });
    const text = (await hover.first().innerText()).replace(/\s+/g, ' ');
    for (const part of HOVER) {
      if (!text.includes(part)) {
        throw new Error(`the hover ${JSON.stringify(text)} lacks ${JSON.stringify(part)}`);
      }
    }
    await shoot();
  });

  await step('factlint.severity in the settings reaches the server: FL001 becomes an error', async () => {
    await page.keyboard.press('Escape');
    writeFileSync(
      join(workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'factlint.path': factlint, 'factlint.severity': { FL001: 'error' } }, null, 2),
    );
    const errors = page.locator('.markers-panel .monaco-list-row', {
      has: page.locator('.codicon-error'),
      hasText: 'FL001',
    });
    await errors.nth(EXPECTED_WARNINGS - 1).waitFor({ state: 'visible' });
    const warnings = await page
      .locator('.markers-panel .monaco-list-row', { has: page.locator('.codicon-warning') })
      .count();
    if (warnings !== 0) {
      throw new Error(`expected no warnings left, saw ${warnings}`);
    }
  });

  await step('"factlint: Restart server" restarts it, and the diagnostics come back', async () => {
    await page.keyboard.press('Escape');
    // The restart after the factlint.path fix said so in the status bar for 3 s: wait until
    // that is gone, so that the message seen next is this restart's.
    const restarted = page.locator('.statusbar', { hasText: 'factlint: language server restarted' });
    await restarted.waitFor({ state: 'detached' });
    await runCommand('factlint: Restart server');
    await restarted.waitFor();
    await page
      .locator('.markers-panel .monaco-list-row', { hasText: 'brief says 2011' })
      .first()
      .waitFor({ state: 'visible' });
  });
} catch (e) {
  error = e;
  await shoot().catch(() => undefined);
} finally {
  await browser.close();
}
console.log(`vscode e2e: ${passed} passed, ${failed} failed`);
if (error !== undefined) {
  console.error(error);
  process.exit(1);
}
