#!/usr/bin/python3
"""pack.py: the browser build's data and pages (called by scripts/web).

  pack.py fonts DATA_DIR DEJAVU NANUM ROOT LOCALE_DIR
      DATA_DIR/fonts/DejaVuSans.ttf and NanumGothic.ttf, subset with fontTools
      (Debian's python3-fonttools) to the characters optiviz can show: every
      character of the scenes, the app's sources and the message catalogs,
      plus the Latin, Greek, punctuation, arrow and math blocks a typed
      formula may use. DATA_DIR/scenes: the bundled scenes. DATA_DIR/locale:
      the compiled catalogs LOCALE_DIR/LANG/LC_MESSAGES/optiviz.mo.
  pack.py pages WEB_SRC BUILD_DIR OUT_DIR
      OUT_DIR/site/index.html (+ optiviz.js, .wasm, optiviz-data.js, .data)
      and OUT_DIR/optiviz.html: the same page with the scripts, the wasm and
      the data inlined (base64), which works opened from disk.
"""
import base64
import glob
import os
import shutil
import sys

from fontTools import subset

# Blocks a typed formula, a caption or the HUD may draw with DejaVu Sans.
LATIN_MATH = [(0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x2000, 0x206F),
              (0x2070, 0x209F), (0x2100, 0x214F), (0x2150, 0x218F), (0x2190, 0x21FF),
              (0x2200, 0x22FF), (0x2300, 0x23FF), (0x2500, 0x257F), (0x25A0, 0x25FF)]


def used_characters(root):
    """Every character of the texts the program shows (scenes, C sources,
    catalogs), as a set of code points."""
    paths = []
    for pattern in ('assets/scenes/*', 'src/app/*.c', 'src/app/*.h', 'src/web/*.c',
                    'po/*.po'):
        paths += glob.glob(os.path.join(root, pattern))
    chars = set()
    for p in paths:
        with open(p, encoding='utf-8', errors='replace') as f:
            chars.update(ord(c) for c in f.read())
    return chars


def subset_font(src, dst, codepoints):
    options = subset.Options()
    options.layout_features = ['*']
    options.name_IDs = ['*']
    options.notdef_outline = True
    options.hinting = True
    font = subset.load_font(src, options)
    s = subset.Subsetter(options)
    s.populate(unicodes=sorted(codepoints))
    s.subset(font)
    subset.save_font(font, dst, options)


def fonts(data_dir, dejavu, nanum, root, locale_dir):
    os.makedirs(os.path.join(data_dir, 'fonts'), exist_ok=True)
    used = used_characters(root)
    latin = set()
    for lo, hi in LATIN_MATH:
        latin.update(range(lo, hi + 1))
    subset_font(dejavu, os.path.join(data_dir, 'fonts', 'DejaVuSans.ttf'), latin | used)
    hangul = {c for c in used if c >= 0x1100}
    subset_font(nanum, os.path.join(data_dir, 'fonts', 'NanumGothic.ttf'),
                hangul | set(range(0x20, 0x7F)))
    scenes = os.path.join(data_dir, 'scenes')
    shutil.rmtree(scenes, ignore_errors=True)
    shutil.copytree(os.path.join(root, 'assets', 'scenes'), scenes)
    locale = os.path.join(data_dir, 'locale')
    shutil.rmtree(locale, ignore_errors=True)
    for mo in glob.glob(os.path.join(locale_dir, '*', 'LC_MESSAGES', '*.mo')):
        dst = os.path.join(locale, os.path.relpath(mo, locale_dir))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy(mo, dst)
    print('fonts: %d Hangul characters kept' % len(hangul))


def script_tag(src=None, body=None):
    if src:
        return '<script src="%s"></script>' % src
    # a literal "</script" inside inlined code would end the element early
    return '<script>\n%s\n</script>' % body.replace('</script', '<\\/script')


def pages(web_src, build_dir, out_dir):
    site = os.path.join(out_dir, 'site')
    with open(os.path.join(web_src, 'index.html'), encoding='utf-8') as f:
        template = f.read()
    shutil.copy(os.path.join(web_src, 'page.js'), site)
    for name in ('optiviz.js', 'optiviz.wasm'):
        shutil.copy(os.path.join(build_dir, name), site)
    tags = '\n'.join(script_tag(s) for s in ('page.js', 'optiviz-data.js', 'optiviz.js'))
    with open(os.path.join(site, 'index.html'), 'w', encoding='utf-8') as f:
        f.write(template.replace('<!-- SCRIPTS -->', tags))

    def read(name, mode='r'):
        with open(os.path.join(site, name), mode, **({} if 'b' in mode else
                                                     {'encoding': 'utf-8'})) as f:
            return f.read()
    wasm = base64.b64encode(read('optiviz.wasm', 'rb')).decode('ascii')
    data = base64.b64encode(read('optiviz.data', 'rb')).decode('ascii')
    # The single file: the wasm as Module.wasmBinary and the data package
    # through Module.getPreloadedPackage, so nothing is fetched (file://).
    inline = '''
(function () {
  function bytes(b64) {
    const s = atob(b64), a = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
    return a;
  }
  Module.wasmBinary = bytes("%s");
  const data = bytes("%s").buffer;
  Module.getPreloadedPackage = function () { return data; };
})();''' % (wasm, data)
    tags = '\n'.join([script_tag(body=read('page.js')), script_tag(body=inline),
                      script_tag(body=read('optiviz-data.js')),
                      script_tag(body=read('optiviz.js'))])
    single = os.path.join(out_dir, 'optiviz.html')
    with open(single, 'w', encoding='utf-8') as f:
        f.write(template.replace('<!-- SCRIPTS -->', tags))


def main(argv):
    if len(argv) == 7 and argv[1] == 'fonts':
        fonts(*argv[2:])
    elif len(argv) == 5 and argv[1] == 'pages':
        pages(*argv[2:])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
