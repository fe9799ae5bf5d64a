// web_lib.js: the C side's calls into the page (emscripten --js-library).
// The page (page.js) sets Module.optivizRecord and Module.optivizReady.
mergeInto(LibraryManager.library, {
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
