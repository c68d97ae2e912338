// Walks a CklGen library (cklgen library build) in headless Chromium, opened from disk, the way an
// ISSO would: search, follow a result to the rule, read its CAT and CCI controls, compare releases.
//
// Run (from the repository root; Node 18+, no npm packages; Debian: apt-get install -y chromium):
//   cklgen library build --benchmarks ../shared/benchmarks-xccdf --cci ../shared/cci/U_CCI_List.xml --out LIB
//   node tests/browser/check-library.mjs LIB --cci ../shared/cci/U_CCI_List.xml --screenshots DIR
// Options (defaults in brackets): --query [TlsAuthLevel] --vid [V-228409] --cat [CAT II]
//   --cci-id [CCI-002385] --stig [MS_Exchange_2019_Edge_Server_STIG] --old [V1R1] --new [V2R2]
//   --screenshots DIR (writes library-search.png, library-rule.png, library-compare.png).
// The NIST SP 800-53 controls expected beside the CCI are read from DISA's CCI list (--cci), not
// written here: the page must show DISA's mapping. CHROMIUM=/path overrides /usr/bin/chromium.
// Ends with "N passed, M failed"; exit 0 when every check passes, 1 otherwise.
//
// Like check-report.mjs it drives Chromium over the DevTools protocol on a pipe, reads only what
// is displayed (innerText), clicks and types in the pages themselves, and counts network
// requests: every load must be file: or data: (the library works with no network).

import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf('--' + name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const expect = {
  query: opt('query', 'TlsAuthLevel'),
  vid: opt('vid', 'V-228409'),
  cat: opt('cat', 'CAT II'),
  cci: opt('cci-id', 'CCI-002385'),
  stig: opt('stig', 'MS_Exchange_2019_Edge_Server_STIG'),
  old: opt('old', 'V1R1'),
  new: opt('new', 'V2R2'),
};
const cciFile = opt('cci', null);
const shots = opt('screenshots', null);
const library = args[0] ? resolve(args[0]) : null;
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
if (!library || !existsSync(join(library, 'index.html'))) { console.error(`no library index at ${library}/index.html`); process.exit(1); }
if (!cciFile || !existsSync(cciFile)) { console.error('--cci U_CCI_List.xml is required (the controls expected come from it)'); process.exit(1); }
if (!existsSync(chromium)) { console.error(`no Chromium at ${chromium} (apt-get install -y chromium, or set CHROMIUM)`); process.exit(1); }

// DISA's mapping of the CCI, read straight from the XML. The library shows a control without its
// part letter ("SC-5 a" is SC-5; "AC-17 (2)" is AC-17(2)).
const item = new RegExp(`<cci_item id="${expect.cci}">([\\s\\S]*?)</cci_item>`).exec(readFileSync(cciFile, 'utf8'));
if (!item) { console.error(`${expect.cci} is not in ${cciFile}`); process.exit(1); }
const disa = { 4: new Set(), 5: new Set() }, disaRaw = { 4: [], 5: [] };
for (const m of item[1].matchAll(/<reference\b[^>]*>/g)) {
  const version = /version="(\d+)"/.exec(m[0])?.[1], index = /index="([^"]*)"/.exec(m[0])?.[1];
  if (!(version in disa) || !index || !/800-53/.test(m[0])) continue;
  disaRaw[version].push(index);
  const c = /^\s*([A-Z]{2})-(\d+)(?:\s*\(\s*(\d+)\s*\))?/.exec(index);
  if (c) disa[version].add(`${c[1]}-${c[2]}${c[3] ? `(${c[3]})` : ''}`);
}
console.log(`DISA's CCI list: ${expect.cci} -> rev 5 ${disaRaw[5].join(', ') || '(none)'}; rev 4 ${disaRaw[4].join(', ') || '(none)'}`);
if (disa[4].size + disa[5].size === 0) { console.error(`${expect.cci} has no NIST SP 800-53 reference in ${cciFile}`); process.exit(1); }

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
const pending = new Map(), listeners = new Set();
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
  const l = m => { if (pred(m)) { clearTimeout(t); listeners.delete(l); ok(m); } };
  const t = setTimeout(() => { listeners.delete(l); fail(new Error('timed out waiting for ' + what)); }, ms);
  listeners.add(l);
});

const failures = [];
let passes = 0;
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (ok) passes++; else failures.push(what); return ok; };

const watchdog = setTimeout(() => { console.error('timed out'); browser.kill('SIGKILL'); process.exit(1); }, 90000);
try {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const s = (m, p) => send(m, p, sessionId);
  const requests = [];
  listeners.add(m => {
    if (m.sessionId === sessionId && m.method === 'Network.requestWillBeSent') requests.push(m.params.request.url);
  });
  await s('Network.enable');
  await s('Page.enable');
  await s('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
  const js = async expr => {
    const r = await s('Runtime.evaluate', { expression: expr, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error(`in page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  };
  // Runs an action in the page that navigates, and waits for the new page to load.
  const navigating = async (what, action) => {
    const loaded = waitFor(m => m.sessionId === sessionId && m.method === 'Page.loadEventFired', 30000, what);
    await action();
    await loaded;
    return js('location.href');
  };
  const screenshot = async name => {
    if (!shots) return;
    mkdirSync(shots, { recursive: true });
    const { cssContentSize } = await s('Page.getLayoutMetrics');
    const height = Math.min(Math.ceil(cssContentSize.height), 4000);
    await s('Emulation.setDeviceMetricsOverride', { width: 1280, height, deviceScaleFactor: 1, mobile: false });
    const { data } = await s('Page.captureScreenshot', { format: 'png' });
    await s('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
    writeFileSync(join(shots, name), Buffer.from(data, 'base64'));
    console.log(`screenshot: ${join(shots, name)} (1280x${height})`);
  };

  // 1. The index, from disk.
  const index = pathToFileURL(join(library, 'index.html')).href;
  await navigating('the index', () => s('Page.navigate', { url: index }));
  const home = await js(`({ h1: document.querySelector('h1')?.innerText ?? '', text: document.body.innerText })`);
  check(home.text.includes(expect.stig) || home.text.includes('Exchange 2019 Edge'), `index lists the STIGs ("${home.h1}")`);

  // 2. The page's own search box, submitted as a person would.
  let href = await navigating('the search page', () => js(`(() => { const q = document.getElementById('q');
    q.value = ${JSON.stringify(expect.query)}; q.form.requestSubmit(); })()`));
  check(/\/search\/index\.html\?q=/.test(href), `search box opens the search page: ${href.slice(href.indexOf('/search/'))}`);
  const search = await js(`({ status: document.getElementById('search-status')?.innerText ?? '',
    hits: [...document.querySelectorAll('#hits li a')].map(a => ({ text: a.innerText, href: a.href })) })`);
  const hit = search.hits.find(h => h.text.startsWith(expect.vid + ' '));
  check(search.hits.length > 0 && /match/.test(search.status), `search "${expect.query}": ${search.status}`);
  check(!!hit, `a result is ${expect.vid}: ${hit ? hit.text : search.hits.map(h => h.text.split(' ')[0]).join(' ')}`);
  await screenshot('library-search.png');

  // 3. Follow the result to the rule's page.
  if (hit) {
    href = await navigating('the rule page', () => js(`[...document.querySelectorAll('#hits li a')]
      .find(a => a.innerText.startsWith(${JSON.stringify(expect.vid + ' ')})).click()`));
    check(href.endsWith(`/${expect.vid}/index.html`), `the result opens ${expect.vid}'s page: ${href.slice(href.indexOf('/stigs/'))}`);
    const rule = await js(`(() => {
      const dt = [...document.querySelectorAll('dl.fields dt')].find(d => d.innerText.trim() === 'Severity');
      const row = [...document.querySelectorAll('#ccis tbody tr')].find(r => r.cells[0].innerText.trim() === ${JSON.stringify(expect.cci)});
      return { h1: document.querySelector('h1')?.innerText ?? '', severity: dt?.nextElementSibling?.innerText ?? '',
        check: document.getElementById('check')?.innerText ?? '',
        rev5: row ? row.cells[2].innerText : null, rev4: row ? row.cells[3].innerText : null };
    })()`);
    check(rule.h1.startsWith(expect.vid), `heading: "${rule.h1}"`);
    check(rule.severity.includes(expect.cat), `severity shows ${expect.cat}: "${rule.severity}"`);
    check(rule.check.includes(expect.query), `check text mentions ${expect.query}`);
    check(rule.rev5 !== null, `${expect.cci} is listed with its controls`);
    const shown = v => new Set((rule[`rev${v}`] ?? '').split(/[\s,]+/).filter(Boolean));
    for (const v of [5, 4]) {
      const want = [...disa[v]].sort().join(', '), got = [...shown(v)].sort().join(', ');
      check(want === got, `${expect.cci} -> NIST SP 800-53 rev ${v}: page "${got}", DISA's list "${want}"`);
    }
    await screenshot('library-rule.png');
  }

  // 4. The STIG's page, and its chooser for any two releases.
  await navigating('the index', () => s('Page.navigate', { url: index }));
  const stigLink = await js(`[...document.querySelectorAll('a')].find(a => /\\/stigs\\/${expect.stig}\\/(index\\.html)?$/.test(a.href))?.href ?? null`);
  if (check(!!stigLink, `index links ${expect.stig}`)) {
    await navigating('the STIG page', () => js(`[...document.querySelectorAll('a')].find(a => a.href === ${JSON.stringify(stigLink)}).click()`));
    href = await navigating('the compare page', () => js(`(() => { const f = document.getElementById('choose-releases');
      if (!f || f.hidden) throw new Error('no release chooser shown');
      f.elements['old'].value = ${JSON.stringify(expect.old)}; f.elements['new'].value = ${JSON.stringify(expect.new)};
      f.requestSubmit(); })()`));
    check(href.endsWith(`/stigs/${expect.stig}/compare/${expect.old}-${expect.new}/index.html`), `chooser opens ${href.slice(href.indexOf('/stigs/'))}`);
    const cmp = await js(`({ h1: document.querySelector('h1')?.innerText ?? '', summary: document.getElementById('summary')?.innerText ?? '' })`);
    check(cmp.h1.includes(`${expect.old} → ${expect.new}`) && /\d+ added, \d+ removed/.test(cmp.summary), `compare page: "${cmp.h1}": ${cmp.summary}`);
    await screenshot('library-compare.png');
  }

  check(requests.length > 0 && requests.every(u => u.startsWith('file:') || u.startsWith('data:')),
    `no network requests (${requests.length} loads, all local)` + (requests.every(u => u.startsWith('file:') || u.startsWith('data:')) ? '' : ': ' + requests.filter(u => !/^(file|data):/.test(u)).join(' ')));
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
  for (let i = 0; ; i++) {
    try { rmSync(profile, { recursive: true, force: true }); break; }
    catch (e) {
      if (i === 10) { console.error(`warning: could not remove ${profile}: ${e.message}`); break; }
      await new Promise(ok => setTimeout(ok, 300));
    }
  }
}
console.log(failures.length ? `${failures.length} check(s) failed: ${library}` : `all checks passed: ${library}`);
console.log(`${passes} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
