// web_lib.js: the C side's calls into the page (emscripten --js-library).
// The page (page.js) sets Module.optivizRecord and Module.optivizReady.
mergeInto(LibraryManager.library, {
  // settings.ini: localStorage -> the file system, before settings.c reads.
  web_settings_restore: function (path) {
    var p = UTF8ToString(path);
    var text = null;
    try { text = localStorage.getItem('optiviz-settings'); } catch (e) { /* storage off */ }
    if (text === null) return;
    FS.mkdirTree(p.substring(0, p.lastIndexOf('/')));
    FS.writeFile(p, text);
  },
  // settings.ini: the file system -> localStorage, after settings.c wrote.
  web_settings_store: function (path) {
    try {
      var text = FS.readFile(UTF8ToString(path), { encoding: 'utf8' });
      localStorage.setItem('optiviz-settings', text);
    } catch (e) { /* storage off or full: the settings last this page */ }
  },
  // A finished file (P, X): offered as a download, then removed.
  web_download: function (path) {
    var p = UTF8ToString(path);
    var name = p.substring(p.lastIndexOf('/') + 1);
    if (Module.optivizDownload) Module.optivizDownload(name, FS.readFile(p));
    FS.unlink(p);
  },
  // V: starts or stops the MediaRecorder; 1 recording, 0 stopped, -1 none.
  web_record_toggle: function () {
    return Module.optivizRecord ? Module.optivizRecord() : -1;
  },
  // The browser's real renderer (WebGL reports "WebKit WebGL" unless the
  // debug extension unmasks it) into buf (len bytes, NUL-terminated).
  web_renderer_name: function (buf, len) {
    var gl = Module.ctx;
    var ext = gl && gl.getExtension('WEBGL_debug_renderer_info');
    var name = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)
                   : (gl ? gl.getParameter(gl.RENDERER) : 'unknown');
    stringToUTF8('WebGL2 ' + name, buf, len);
  },
  // The first frame is about to be drawn: the page is interactive.
  web_ready: function () {
    if (Module.optivizReady) Module.optivizReady();
  },
});
