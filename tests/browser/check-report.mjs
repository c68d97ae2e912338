// Opens a CklGen HTML report in headless Chromium and checks what a person sees in it.
//
// Run (from the repository root; Node 18+, no npm packages; Debian: apt-get install -y chromium):
//   node tests/browser/check-report.mjs
//   node tests/browser/check-report.mjs REPORT.html --title EDGE01 --open 6 --vid V-259629 --control "AC-17(2)" --screenshot report.png
// Without a report it checks the approved golden page
// tests/CklGen.Tests/Approved/Reports.HtmlReport.small.approved.html with the values below.
// CHROMIUM=/path/to/chromium overrides /usr/bin/chromium. Exit 0 when every check passes, 1 otherwise.
//
// It drives Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe), reads the
// rendered text (innerText: only what is displayed), types into the filter box, counts network
// requests (there must be none) and can save a full-page screenshot.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf('--' + name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const expect = {
  title: opt('title', 'EDGE01'),
  open: opt('open', '6'),
  vid: opt('vid', 'V-259629'),
  control: opt('control', 'AC-17(2)'),
};
const screenshot = opt('screenshot', null);
const report = resolve(args[0] ?? join(repo, 'tests/CklGen.Tests/Approved/Reports.HtmlReport.small.approved.html'));
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(report)) { console.error(`no report at ${report}`); process.exit(1); }
if (!existsSync(chromium)) { console.error(`no Chromium at ${chromium} (apt-get install -y chromium, or set CHROMIUM)`); process.exit(1); }

const profile = mkdtempSync(join(tmpdir(), 'cklgen-chromium-'));
const browser = spawn(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--proxy-server=127.0.0.1:9', '--host-resolver-rules=MAP * ~NOTFOUND',
  `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
let stderr = '';
browser.stderr.on('data', d => { stderr += d; });

// DevTools protocol over fds 3 (to Chromium) and 4 (from Chromium), messages end with \0.
let nextId = 1, buffer = '';
const pending = new Map(), listeners = [];
browser.stdio[4].on('data', chunk => {
  buffer += chunk.toString('utf8');
  let end;
  while ((end = buffer.indexOf('\0')) >= 0) {
    const msg = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    if (msg.id && pending.has(msg.id)) {
      const { ok, fail } = pending.get(msg.id);
      pending.delete(msg.id);
      msg.error ? fail(new Error(`${msg.error.message} (${msg.error.code})`)) : ok(msg.result);
    } else listeners.forEach(l => l(msg));
  }
});
const send = (method, params = {}, sessionId) => new Promise((ok, fail) => {
  const id = nextId++;
  pending.set(id, { ok, fail });
  browser.stdio[3].write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
});
const waitFor = (pred, ms, what) => new Promise((ok, fail) => {
  const t = setTimeout(() => fail(new Error('timed out waiting for ' + what)), ms);
  listeners.push(m => { if (pred(m)) { clearTimeout(t); ok(m); } });
});

const failures = [];
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures.push(what); };

const watchdog = setTimeout(() => { console.error('timed out'); browser.kill('SIGKILL'); process.exit(1); }, 60000);
try {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const s = (m, p) => send(m, p, sessionId);
  const requests = [];
  listeners.push(m => {
    if (m.sessionId === sessionId && m.method === 'Network.requestWillBeSent') requests.push(m.params.request.url);
  });
  await s('Network.enable');
  await s('Page.enable');
  await s('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
  const loaded = waitFor(m => m.sessionId === sessionId && m.method === 'Page.loadEventFired', 30000, 'page load');
  await s('Page.navigate', { url: pathToFileURL(report).href });
  await loaded;
  const js = async expr => (await s('Runtime.evaluate', { expression: expr, returnByValue: true, awaitPromise: true })).result.value;

  const seen = await js(`(() => ({
    title: document.title,
    h1: document.querySelector('h1')?.innerText ?? '',
    openTile: document.querySelector('.tile.open')?.innerText ?? '',
    text: document.body.innerText,
    toolsShown: !!document.getElementById('tools') && !document.getElementById('tools').hidden,
    findings: [...document.querySelectorAll('details.finding')].length,
    rollupRows: [...document.querySelectorAll('table.rollup tbody th[scope=row]')].map(th => th.innerText),
  }))()`);
  check(seen.title.includes(expect.title) && seen.h1.includes(expect.title), `title and heading name ${expect.title}: "${seen.h1}"`);
  check(new RegExp(`^\\s*${expect.open}\\s*\\n\\s*Open`).test(seen.openTile), `Open tile shows ${expect.open}: "${seen.openTile.replace(/\s+/g, ' ')}"`);
  check(/Hosts and STIGs/.test(seen.text) && /Not a Finding/.test(seen.text), 'per-host table is displayed');
  check(seen.text.includes(expect.vid), `open finding ${expect.vid} is displayed`);
  check(seen.rollupRows.includes(expect.control) && seen.text.includes(expect.control), `control roll-up shows ${expect.control}`);
  check(seen.toolsShown, 'inline script ran (the page policy allows exactly this script)');

  // Collapsed evidence is not displayed until the finding is opened.
  const evidenceBefore = await js(`document.querySelector('details.finding .evidence').checkVisibility()`);
  await js(`document.getElementById('expand').click()`);
  const evidenceAfter = await js(`document.querySelector('details.finding .evidence').checkVisibility()`);
  check(!evidenceBefore && evidenceAfter, 'evidence is folded and "Expand all" shows it');

  // The filter hides findings that do not mention the text.
  const shown = await js(`(() => { const q = document.getElementById('filter'); q.value = ${JSON.stringify(expect.vid)};
    q.dispatchEvent(new Event('input')); return [...document.querySelectorAll('details.finding')].filter(d => d.checkVisibility()).length; })()`);
  check(shown >= 1 && (seen.findings === 1 || shown < seen.findings), `filter "${expect.vid}" leaves ${shown} of ${seen.findings} findings`);
  await js(`(() => { const q = document.getElementById('filter'); q.value = ''; q.dispatchEvent(new Event('input')); document.getElementById('collapse').click(); })()`);

  check(requests.every(u => u.startsWith('file:') || u.startsWith('data:')), `no network requests (${requests.length} loads, all local)`);

  if (screenshot) {
    const { cssContentSize } = await s('Page.getLayoutMetrics');
    const height = Math.min(Math.ceil(cssContentSize.height), 16000);
    await s('Emulation.setDeviceMetricsOverride', { width: 1280, height, deviceScaleFactor: 1, mobile: false });
    const { data } = await s('Page.captureScreenshot', { format: 'png' });
    writeFileSync(screenshot, Buffer.from(data, 'base64'));
    console.log(`screenshot: ${screenshot} (1280x${height})`);
  }
  await send('Browser.close').catch(() => {});
} catch (e) {
  failures.push(String(e));
  console.error(e.message);
  if (stderr) console.error(stderr.split('\n').slice(-5).join('\n'));
} finally {
  clearTimeout(watchdog);
  const exited = browser.exitCode !== null ? Promise.resolve() : new Promise(ok => browser.once('exit', ok));
  browser.kill();
  await Promise.race([exited, new Promise(ok => setTimeout(ok, 5000))]);
  // Chromium's helper processes can outlive the browser and keep writing the profile for a moment:
  // retry, and never let a leftover temp folder turn a finished check into a failure.
  for (let i = 0; ; i++) {
    try { rmSync(profile, { recursive: true, force: true }); break; }
    catch (e) {
      if (i === 10) { console.error(`warning: could not remove ${profile}: ${e.message}`); break; }
      await new Promise(ok => setTimeout(ok, 300));
    }
  }
}
console.log(failures.length ? `${failures.length} check(s) failed: ${report}` : `all checks passed: ${report}`);
process.exit(failures.length ? 1 : 0);
