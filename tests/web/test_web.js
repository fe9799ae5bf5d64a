// test_web.js: optiviz's page in headless Chromium (Debian's chromium,
// driven over the DevTools protocol by playwright-core; never a downloaded
// browser). Opens build-web/optiviz.html from disk, as a teacher would.
//   node tests/web/test_web.js [BUILD_WEB_DIR] [NATIVE_OPTIVIZ]
// Ends with "N passed, N failed"; exit 0 only when nothing failed.
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { execFileSync, spawnSync } = require('child_process');
const { chromium } = require('playwright-core');

const root = path.resolve(__dirname, '..', '..');
const webDir = path.resolve(process.argv[2] || path.join(root, 'build-web'));
const native = path.resolve(process.argv[3] || path.join(root, 'build-test', 'optiviz'));
const pageUrl = 'file://' + path.join(webDir, 'optiviz.html');
const W = 1280, H = 720;
// The first scene's frame against native `optiviz shot`: SwiftShader and
// llvmpipe rasterize edges and blend differently, so a pixel counts as
// different when a channel differs by more than 64 of 255, and at most
// 2 % of the pixels may (text, fills and lines land on the same pixels).
const PIXEL_CHANNEL_TOLERANCE = 64;
const PIXEL_FRACTION_TOLERANCE = 0.02;

const chromeArgs = ['--headless', '--no-sandbox', '--use-gl=swiftshader',
  '--enable-unsafe-swiftshader', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
  // a chroot (scripts/check-fresh) may have no /dev/shm of its own
  '--disable-dev-shm-usage'];

let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log('ok - ' + name);
  } else {
    failed++;
    console.log('not ok - ' + name + (detail ? ': ' + detail : ''));
  }
}

// Opens the page with query (without "?"), waits until it is interactive,
// and collects console errors and page errors.
async function open(browser, query, options = {}) {
  const context = await browser.newContext({ viewport: { width: W, height: H },
    hasTouch: !!options.touch, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [], lines = [];
  page.on('console', (m) => {
    lines.push(m.text());
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pageUrl + (query ? '?' + query : ''));
  await page.waitForFunction(() => window.optivizInteractiveMs !== undefined, null,
    { timeout: 30000 });
  return { context, page, errors, lines };
}

const state = (page) =>
  page.evaluate(() => JSON.parse(Module.ccall('web_state', 'string', [], [])));

// Waits for a few animation frames, so queued input reaches app_frame.
const frames = (page, n = 3) => page.evaluate((k) => new Promise((done) => {
  const step = () => (--k <= 0 ? done() : requestAnimationFrame(step));
  requestAnimationFrame(step);
}), n);

async function key(page, name) {
  await page.keyboard.press(name);
  await frames(page);
}

async function testLoad(browser) {
  const { context, page, errors } = await open(browser, '');
  const s = await state(page);
  check('page loads from disk and opens the tour', s.tour_index === 0 && s.function !== '',
    JSON.stringify(s));
  const strip = await page.evaluate(() =>
    getComputedStyle(document.getElementById('keys')).display);
  check('no strip of keys without touch', strip === 'none', strip);
  await frames(page, 10);
  check('no console errors while loading and drawing', errors.length === 0, errors.join(' | '));
  const ms = await page.evaluate(() => window.optivizInteractiveMs);
  console.log('# interactive after ' + ms.toFixed(0) + ' ms');
  await context.close();
}

// The frame of scene (in language lang) against native `optiviz shot`.
async function compareFrame(browser, scene, lang) {
  const name = 'scene ' + scene + ' (' + lang + ') matches native shot';
  if (!fs.existsSync(native)) {
    check(name, false, 'no native binary at ' + native);
    return;
  }
  const png = path.join(os.tmpdir(), 'optiviz-web-native-' + process.pid + '.png');
  const env = Object.assign({}, process.env,
    { SDL_VIDEODRIVER: 'offscreen', LIBGL_ALWAYS_SOFTWARE: '1', HOME: os.tmpdir() });
  execFileSync(native, ['shot', '--scene', scene, '--lang', lang, '--size', W + 'x' + H,
    '--steps', '0', '--out', png], { env });
  const b64 = fs.readFileSync(png).toString('base64');
  fs.unlinkSync(png);
  const { context, page } = await open(browser,
    'scene=' + scene + '&lang=' + lang + '&size=' + W + 'x' + H);
  const result = await page.evaluate(async ({ b64, tol }) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const want = g.getImageData(0, 0, img.width, img.height).data;
    const ptr = Module.ccall('web_shot', 'number', ['number'], [0]);
    const fb = JSON.parse(Module.ccall('web_state', 'string', [], [])).fb;
    if (!ptr || fb[0] !== img.width || fb[1] !== img.height)
      return { error: 'frame ' + fb + ' vs png ' + img.width + 'x' + img.height };
    const got = HEAPU8.subarray(ptr, ptr + want.length);
    let differ = 0;
    for (let i = 0; i < want.length; i += 4) {
      const d = Math.max(Math.abs(want[i] - got[i]), Math.abs(want[i + 1] - got[i + 1]),
        Math.abs(want[i + 2] - got[i + 2]));
      if (d > tol) differ++;
    }
    return { fraction: differ / (want.length / 4) };
  }, { b64, tol: PIXEL_CHANNEL_TOLERANCE });
  if (result.error) {
    check(name, false, result.error);
  } else {
    console.log('# pixels differing by > ' + PIXEL_CHANNEL_TOLERANCE + ': ' +
      (100 * result.fraction).toFixed(3) + ' %');
    check(name + ' (' + (100 * result.fraction).toFixed(2) +
      ' % of pixels differ, limit ' + 100 * PIXEL_FRACTION_TOLERANCE + ' %)',
    result.fraction <= PIXEL_FRACTION_TOLERANCE);
  }
  await context.close();
}

async function testFrame(browser) {
  await compareFrame(browser, 'risk', 'en'); // the tour's first scene
  await compareFrame(browser, 'noise', 'ko'); // the HUD from the Korean catalog
}

async function testKeys(browser) {
  const { context, page, errors } = await open(browser, '');
  let s0 = await state(page);
  await key(page, 'Space');
  let s = await state(page);
  check('Space pauses', s.paused !== s0.paused, JSON.stringify([s0.paused, s.paused]));
  s0 = s;
  await key(page, 'ArrowUp');
  s = await state(page);
  check('Up raises the learning rate by 1.25', Math.abs(s.lr - s0.lr * 1.25) < 1e-12,
    s0.lr + ' -> ' + s.lr);
  s0 = s;
  await key(page, 'n');
  s = await state(page);
  check('N turns noise on', s.noise_on !== s0.noise_on);
  await key(page, 'PageDown');
  s = await state(page);
  check('PageDown opens the next scene', s.tour_index === 1, 'tour_index ' + s.tour_index);
  s0 = s;
  await key(page, 'l');
  s = await state(page);
  check('L switches the window to Korean', s.lang === 'ko' && s0.lang === 'en',
    s0.lang + ' -> ' + s.lang);
  await key(page, '2');
  s = await state(page);
  check('2 opens lesson 2', s.function === 'risk' && s.tour_index === -1,
    s.function + ' ' + s.tour_index);
  // a left drag in the plot moves the start point (1D lesson: x follows)
  s0 = s;
  await page.mouse.move(W * 0.25, H * 0.4);
  await page.mouse.down();
  await frames(page);
  await page.mouse.move(W * 0.4, H * 0.4, { steps: 5 });
  await frames(page);
  await page.mouse.up();
  await frames(page);
  s = await state(page);
  check('a mouse drag moves the start point', s.start[0] !== s0.start[0],
    s0.start[0] + ' -> ' + s.start[0]);
  check('no console errors while driving keys and mouse', errors.length === 0,
    errors.join(' | '));
  await context.close();
}

async function testFilesAndSettings(browser) {
  const { context, page, errors } = await open(browser, '');
  const saved = async (k) => {
    const wait = page.waitForEvent('download', { timeout: 10000 });
    await key(page, k);
    return (await wait).suggestedFilename();
  };
  const png = await saved('p');
  check('P downloads a PNG', /^optiviz-.*\.png$/.test(png), png);
  const csv = await saved('x');
  check('X downloads the trajectory CSV', /^optiviz-.*\.csv$/.test(csv), csv);
  // V starts the MediaRecorder, V again stops it and downloads the WebM
  await key(page, 'v');
  await page.waitForTimeout(1000);
  const webm = await saved('v');
  check('V records a WebM video', /^optiviz-.*\.webm$/.test(webm), webm);
  // the formula line takes typed text: E, the formula, Enter
  await key(page, 'e');
  await page.keyboard.press('Control+u');
  await page.keyboard.type('x^4 - x^2');
  await key(page, 'Enter');
  let s = await state(page);
  check('E, typing and Enter show a typed formula', s.formula_open === false &&
    s.tour_index === -1 && s.function !== 'empirical-risk', JSON.stringify(s));
  // B changes the theme; it is still there after a reload (localStorage)
  const theme = s.theme;
  await key(page, 'b');
  s = await state(page);
  check('B changes the theme', s.theme !== theme, theme + ' -> ' + s.theme);
  await page.waitForTimeout(1500); // the page stores settings once a second
  await page.reload();
  await page.waitForFunction(() => window.optivizInteractiveMs !== undefined);
  const s2 = await state(page);
  check('the theme is kept in the browser\'s storage', s2.theme === s.theme,
    s.theme + ' vs ' + s2.theme);
  check('no console errors while saving', errors.length === 0, errors.join(' | '));
  await context.close();
}

async function testUrl(browser) {
  // the tour is the bundled scenes in file name order
  const noiseIndex = fs.readdirSync(path.join(root, 'assets', 'scenes'))
    .filter((f) => f.endsWith('.ini')).sort().findIndex((f) => /^\d+-noise\.ini$/.test(f));
  let { context, page } = await open(browser, 'scene=noise&lang=ko');
  let s = await state(page);
  check('?scene=noise&lang=ko opens the noise scene in Korean',
    s.tour_index === noiseIndex && s.lang === 'ko', JSON.stringify(s));
  check('the HUD speaks Korean (the catalog is read)', s.step_label === '단계', s.step_label);
  await context.close();
  ({ context, page } = await open(browser,
    'function=saddle&optimizer=sgd,adam&lr=0.05&start=0.8,0.01'));
  s = await state(page);
  check('?function=saddle&optimizer=sgd,adam&lr=0.05&start=0.8,0.01',
    s.function === 'saddle' && s.runners === 2 && s.lr === 0.05 &&
    s.start[0] === 0.8 && s.start[1] === 0.01, JSON.stringify(s));
  await context.close();
}

async function testBadParameter(browser) {
  let cli = 'optiviz: --function: unknown function \'nope\' (see: optiviz list)';
  if (fs.existsSync(native)) {
    const r = spawnSync(native, ['--function', 'nope'], { encoding: 'utf8' });
    cli = r.stderr.trim();
  }
  const { context, page, errors } = await open(browser, 'function=nope');
  const shown = await page.evaluate(() => {
    const m = document.getElementById('message');
    return m.hidden ? '' : m.textContent;
  });
  check('a bad parameter shows the CLI\'s message', 'optiviz: ' + shown === cli,
    JSON.stringify(shown) + ' vs ' + JSON.stringify(cli));
  const s = await state(page);
  check('the page still opens (the tour)', s.tour_index === 0, JSON.stringify(s));
  check('no console errors with a bad parameter', errors.length === 0, errors.join(' | '));
  await context.close();
}

async function testTouchAndBench(browser) {
  const { context, page, errors } = await open(browser, 'function=saddle', { touch: true });
  const cdp = await context.newCDPSession(page);
  const touch = async (type, points) => {
    await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
    await frames(page, 2);
  };
  let s0 = await state(page);
  // one finger: drags the start point across the surface
  await touch('touchStart', [{ x: W * 0.35, y: H * 0.5 }]);
  await touch('touchMove', [{ x: W * 0.3, y: H * 0.55 }]);
  await touch('touchEnd', []);
  let s = await state(page);
  check('one finger drags the start point', s.start[0] !== s0.start[0] ||
    s.start[1] !== s0.start[1], JSON.stringify([s0.start, s.start]));
  // two fingers: moving together rotates, spreading apart zooms in
  s0 = s;
  await touch('touchStart', [{ x: 400, y: 300, id: 1 }, { x: 500, y: 300, id: 2 }]);
  await touch('touchMove', [{ x: 440, y: 320, id: 1 }, { x: 540, y: 320, id: 2 }]);
  await touch('touchMove', [{ x: 390, y: 320, id: 1 }, { x: 590, y: 320, id: 2 }]);
  await touch('touchEnd', []);
  s = await state(page);
  check('two fingers rotate the 3D view', s.yaw !== s0.yaw, s0.yaw + ' -> ' + s.yaw);
  check('two fingers spreading zoom in', s.distance < s0.distance,
    s0.distance + ' -> ' + s.distance);
  const stripShown = await page.evaluate(() =>
    getComputedStyle(document.getElementById('keys')).display !== 'none');
  check('touch shows the strip of keys', stripShown);
  s0 = s;
  await page.evaluate(() => document.querySelector('#keys button[title^="next scene"]').click());
  await frames(page);
  s = await state(page);
  check('the strip\'s next-scene button opens the tour', s.tour_index === 0,
    'tour_index ' + s.tour_index);
  check('no console errors with touch', errors.length === 0, errors.join(' | '));
  await context.close();

  const b = await open(browser, 'bench=20');
  const line = b.lines.find((l) => l.startsWith('bench '));
  check('?bench=N prints the bench line',
    /^bench frames=20 median_ms=[0-9.]+ p95_ms=[0-9.]+ .*view=curve .*renderer=\S/.test(line || ''),
    String(line));
  await b.context.close();
}

(async () => {
  if (!fs.existsSync(path.join(webDir, 'optiviz.html'))) {
    console.log('not ok - no ' + path.join(webDir, 'optiviz.html') + ' (run ./scripts/web)');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ||
    '/usr/bin/chromium', args: chromeArgs });
  try {
    for (const t of [testLoad, testFrame, testKeys, testFilesAndSettings, testUrl,
      testBadParameter,
      testTouchAndBench]) {
      try {
        await t(browser);
      } catch (e) {
        check(t.name, false, String(e && e.stack || e));
      }
    }
  } finally {
    await browser.close();
  }
  console.log(passed + ' passed, ' + failed + ' failed');
  process.exit(failed ? 1 : 0);
})();
