// web_lib.js: the C side's calls into the page (emscripten --js-library).
// The page (page.js) sets Module.optivizRecord and Module.optivizReady.
mergeInto(LibraryManager.library, {
  // V: starts or stops the MediaRecorder; 1 recording, 0 stopped, -1 none.
  web_record_toggle: function () {
    return Module.optivizRecord ? Module.optivizRecord() : -1;
  },
  // The first frame is about to be drawn: the page is interactive.
  web_ready: function () {
    if (Module.optivizReady) Module.optivizReady();
  },
});
