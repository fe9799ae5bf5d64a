// page.js: the page around optiviz's wasm (main_web.c). It turns the URL's
// parameters into the command line (?scene=noise&lang=ko -> --scene noise
// --lang ko), shows what the program says on stderr (a refused parameter),
// offers the files the program saves (P, X; platform_web.c) as downloads,
// records the canvas with MediaRecorder (V),
// turns touch into the mouse gestures the program knows (one finger drags,
// two fingers rotate and pinch-zoom) and gives a tablet a strip of keys.
'use strict';
(function () {
  const canvas = document.getElementById('canvas');
  const banner = document.getElementById('message');
  const t0 = performance.now();

  // --- the command line from the URL ---------------------------------------
  const params = new URLSearchParams(location.search);
  const args = [];
  if (!params.has('size')) {
    const w = Math.max(64, Math.floor(window.innerWidth));
    const h = Math.max(64, Math.floor(window.innerHeight));
    args.push('--size', w + 'x' + h);
  }
  args.push('--output-dir', '/out', '--');
  for (const [k, v] of params) {
    args.push('--' + k);
    if (v !== '') args.push(v);
  }

  function say(text) {
    const line = document.createElement('div');
    line.textContent = text;
    banner.appendChild(line);
    banner.hidden = false;
  }
  banner.addEventListener('click', () => { banner.hidden = true; });

  // --- downloads -------------------------------------------------------------
  function download(blob, name) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }
  // a file the program finished (platform_web.c: P, X)
  function downloadFile(name, bytes) {
    const type = name.endsWith('.png') ? 'image/png' : name.endsWith('.csv') ? 'text/csv'
      : 'application/octet-stream';
    download(new Blob([bytes], { type: type }), name);
  }

  // --- V: MediaRecorder --------------------------------------------------------
  let recorder = null;
  function record() {
    if (typeof MediaRecorder === 'undefined' || !canvas.captureStream) return -1;
    if (recorder) {
      recorder.stop();
      recorder = null;
      return 0;
    }
    const chunks = [];
    const r = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm' });
    r.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
    r.onstop = () => {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
      download(new Blob(chunks, { type: 'video/webm' }), 'optiviz-' + stamp + '.webm');
    };
    r.start(1000);
    recorder = r;
    return 1;
  }

  // --- touch: one finger is the left button, two are right-drag + wheel ------
  function mouse(type, x, y, button) {
    canvas.dispatchEvent(new MouseEvent(type, {
      clientX: x, clientY: y, screenX: x, screenY: y, button: button,
      buttons: type === 'mouseup' ? 0 : (button === 2 ? 2 : 1), bubbles: true, cancelable: true,
    }));
  }
  let fingers = 0;       // fingers of the gesture in progress (1 or 2; 0: none)
  let last = null;       // {x, y, d}: the previous midpoint and spread
  function touchPoint(ts) {
    const a = ts[0], b = ts[1] || ts[0];
    return { x: (a.clientX + b.clientX) / 2, y: (a.clientY + b.clientY) / 2,
      d: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY) };
  }
  function onTouch(e) {
    if (e.target !== canvas && fingers === 0) return;
    e.preventDefault();
    e.stopPropagation();
    showStrip();
    const n = e.touches.length;
    const button = fingers === 2 ? 2 : 0;
    if (n === 0) {
      if (fingers > 0) mouse('mouseup', last.x, last.y, button);
      fingers = 0;
      return;
    }
    if (fingers === -1) return; // a gesture ended early: wait for every finger up
    const p = touchPoint(e.touches);
    if (fingers !== n) {
      if (fingers > 0) mouse('mouseup', last.x, last.y, button);
      if ((n === 1 && fingers === 0) || (n === 2 && fingers <= 1)) {
        fingers = n;
        const b = n === 2 ? 2 : 0;
        mouse('mousemove', p.x, p.y, b);
        mouse('mousedown', p.x, p.y, b);
        last = p;
      } else {
        fingers = -1;
      }
      return;
    }
    mouse('mousemove', p.x, p.y, button);
    if (fingers === 2 && last.d > 0 && p.d > 0 && Math.abs(p.d - last.d) > 0.5) {
      // the program zooms by 1.15 per wheel notch of 100 pixels
      const notches = Math.log(p.d / last.d) / Math.log(1.15);
      canvas.dispatchEvent(new WheelEvent('wheel', { clientX: p.x, clientY: p.y,
        deltaY: -notches * 100, deltaMode: 0, bubbles: true, cancelable: true }));
    }
    last = p;
  }
  for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel'])
    window.addEventListener(type, onTouch, { capture: true, passive: false });
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());

  // --- the strip of keys a tablet lacks --------------------------------------
  const K = { up: 0x40000052, down: 0x40000051, pgdn: 0x4000004e, pgup: 0x4000004b };
  const keys = [
    ['play', 32, 'play / pause (Space)'], ['step', 115, 'one step (S)'],
    ['reset', 114, 'reset (R)'],
    ['noise', 110, 'noise on / off (N)'], ['lr ↑', K.up, 'learning rate × 1.25 (Up)'],
    ['lr ↓', K.down, 'learning rate ÷ 1.25 (Down)'], ['◀', K.pgup, 'previous scene (PageUp)'],
    ['▶', K.pgdn, 'next scene (PageDown)'], ['한/EN', 108, 'captions English / Korean (L)'],
    ['?', 104, 'help (H)'],
  ];
  const strip = document.getElementById('keys');
  for (const [label, code, title] of keys) {
    const b = document.createElement('button');
    b.textContent = label;
    b.title = title;
    b.addEventListener('click', (e) => {
      e.preventDefault();
      Module.ccall('web_key', null, ['number', 'number'], [code, 0]);
    });
    strip.appendChild(b);
  }
  function showStrip() { strip.hidden = false; }
  // shown from the first touch on (a tablet); a mouse and keyboard never see it

  // --- the module ------------------------------------------------------------
  window.Module = {
    arguments: args,
    canvas: canvas,
    print: (text) => console.log(text),
    printErr: (text) => {
      console.warn(text);
      if (text.startsWith('optiviz: ')) say(text.slice(9));
    },
    preRun: [() => { FS.mkdirTree('/out'); FS.mkdirTree('/home/web_user'); }],
    optivizRecord: record,
    optivizDownload: downloadFile,
    optivizReady: () => {
      window.optivizInteractiveMs = performance.now() - t0;
      document.body.classList.add('ready');
    },
    onAbort: (what) => say('stopped: ' + what),
  };
})();
