#!/usr/bin/env python3
"""A made-up site of many pages built from real templates, cleaned with and without `sach clean --learn`.

  python3 bench/template_site.py [SACH] [--pages N] [--batch K]

Pages: the HTML of one Vietnamese sample (its whole template: menus, sidebars, footer) with its article's
paragraphs replaced by another article's; the first half on one sample's template, the second half on another's
(a redesign midway). Bodies: the paragraphs of the project's samples' expected.txt, each split in two, so no
two pages share an article. Each page is cleaned as HTML and as whole-page dumps made by
../shared/eval/make_dumps.sh (bs4, html2text, lynx; it installs them when missing), once plainly and once with
--learn over batches of K pages (default 5) in page order; then the pages no proposal was learned from are
cleaned with the generic rules (the two templates' site files taken out) and with those plus what `sach learn`
proposes from the first K pages of each template. Paragraph precision and recall (whitespace folded) against
the body put in. A measurement, not a test: tests/template_test.cc holds the behaviour.
"""
import glob, html, os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), 'shared')
TEMPLATES = ['html/baocantho', 'html/baochinhphu']


def body(path):
    t = open(path, encoding='utf-8').read()
    if t.startswith('---\n'):
        t = t[t.index('\n---\n', 3) + 5:]
    return [l for l in t.split('\n') if l.strip()]


def bodies():
    out = []
    for exp in sorted(glob.glob(os.path.join(ROOT, 'samples/*/*/expected.txt'))):
        ps = body(exp)
        if len(ps) >= 6:
            out += [ps[:len(ps) // 2], ps[len(ps) // 2:]]
    return out


def need_bs4():
    """Debian's python3-bs4 and python3-lxml, under Debian's python (make_dumps.sh installs them)."""
    try:
        import bs4  # noqa: F401
        return
    except ImportError:
        pass
    if not os.path.exists('/usr/lib/python3/dist-packages/bs4'):
        subprocess.run(['apt-get', 'install', '-y', '-qq', 'python3-bs4', 'python3-lxml'], check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND='noninteractive'))
    if sys.executable != '/usr/bin/python3':
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)


def put_article(page, old, new):
    """The page with the template's own article paragraphs (`old`: the elements whose text is one of them, in
    order) given `new`'s texts one by one; extra new paragraphs follow the last as <p>, extra old ones go."""
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(page, 'lxml')
    body = soup.body or soup
    found = []
    for p in old:
        want = norm(p)
        cands = [e for e in body.find_all(['p', 'div', 'h2', 'h3', 'span', 'strong', 'td', 'li'])
                 if norm(e.get_text(' ')) == want and e not in found]
        if not cands:
            raise SystemExit('template: paragraph not found: ' + p[:60])
        found.append(cands[-1])  # the innermost: find_all lists ancestors first
    for i, e in enumerate(found):
        if i < len(new):
            e.clear()
            e.append(new[i])
        else:
            e.decompose()
    last = found[min(len(found), len(new)) - 1]
    for q in new[len(found):]:
        tag = soup.new_tag('p')
        tag.string = q
        last.insert_after(tag)
        last = tag
    return str(soup)


def make_site(out, n):
    texts = bodies()
    os.makedirs(out, exist_ok=True)
    truth = []
    for i in range(n):
        tpl = TEMPLATES[0 if i < n // 2 else 1]
        page = open(os.path.join(ROOT, 'samples', tpl, 'input.html'), encoding='utf-8').read()
        ps = texts[i % len(texts)]
        page = put_article(page, body(os.path.join(ROOT, 'samples', tpl, 'expected.txt')), ps)
        open(os.path.join(out, 'page%02d.html' % i), 'w', encoding='utf-8').write(page)
        truth.append(ps)
    return truth


def norm(s):
    return re.sub(r'\s+', ' ', s).strip()


def score(truth, outdir, names):
    got = want = hit = 0
    for ps, name in zip(truth, names):
        f = os.path.join(outdir, name)
        lines = body(f) if os.path.exists(f) else []
        w = {norm(p) for p in ps}
        g = [norm(l) for l in lines]
        got, want, hit = got + len(g), want + len(w), hit + sum(1 for l in g if l in w)
    return hit / max(got, 1), hit / max(want, 1)


def clean(sach, inputs, out, learn, batch):
    groups = [inputs[i:i + batch] for i in range(0, len(inputs), batch)] if learn else [inputs]
    for g in groups:
        subprocess.run([sach, 'clean', '-q', '--overwrite', '--out', out] + (['--learn'] if learn else []) + g,
                       check=False)


def proposed(sach, work, folder, inputs, n, batch):
    """Generic rules (the two templates' site files taken out), plus what `sach learn` proposes from the first
    `batch` pages of each template; scored on the pages not learned from. Returns the rules folders."""
    generic = os.path.join(work, 'rules-generic-' + folder)
    shutil.copytree(os.path.join(ROOT, 'rules'), generic)
    for host in ('baocantho.com.vn', 'baochinhphu.vn'):
        os.remove(os.path.join(generic, 'sites', host + '.toml'))
    learned = generic.replace('rules-generic-', 'rules-learned-')
    shutil.copytree(generic, learned)
    for k, first in enumerate((0, n // 2)):
        subprocess.run([sach, 'learn', '--rules', generic, '--out',
                        os.path.join(learned, 'sites', 'learned-%d.toml' % k)] + inputs[first:first + batch],
                       check=False, cwd=os.path.join(work, folder))
    return generic, learned


def main():
    args = sys.argv[1:]
    sach = args.pop(0) if args and not args[0].startswith('--') else os.path.join(ROOT, 'build', 'sach')
    n = int(args[args.index('--pages') + 1]) if '--pages' in args else 30
    batch = int(args[args.index('--batch') + 1]) if '--batch' in args else 5
    need_bs4()
    work = tempfile.mkdtemp(prefix='sach-template-site-')
    truth = make_site(os.path.join(work, 'html'), n)
    shapes = {'html': ('html', '.html')}
    for dumper in ('bs4', 'html2text', 'lynx'):
        subprocess.run(['bash', os.path.join(SHARED, 'eval/make_dumps.sh'), dumper, os.path.join(work, 'html'),
                        os.path.join(work, dumper)], check=True)
        shapes[dumper] = (dumper, '.md' if dumper == 'html2text' else '.txt')
    print('| input | pages | batch | P plain | R plain | P --learn | R --learn | P generic | R generic | '
          'P proposal | R proposal |')
    print('|---|---|---|---|---|---|---|---|---|---|---|')
    for name, (folder, ext) in shapes.items():
        inputs = ['page%02d%s' % (i, ext) for i in range(n)]
        names = ['page%02d.txt' % i for i in range(n)]
        row = []
        for learn in (False, True):
            out = os.path.join(work, 'out-%s-%d' % (name, learn))
            cwd = os.getcwd()
            os.chdir(os.path.join(work, folder))
            clean(os.path.abspath(os.path.join(cwd, sach)), inputs, out, learn, batch)
            os.chdir(cwd)
            row += ['%.3f' % v for v in score(truth, out, names)]
        # Pages not learned from: cleaned with generic rules, and with the proposals of sach learn.
        unseen = [i for i in range(n) if not (i < batch or n // 2 <= i < n // 2 + batch)]
        for rules in proposed(os.path.abspath(sach), work, folder, inputs, n, batch):
            out = os.path.join(work, 'out-%s-%s' % (name, os.path.basename(rules)))
            subprocess.run([os.path.abspath(sach), 'clean', '-q', '--overwrite', '--rules', rules, '--out', out] +
                           [inputs[i] for i in unseen], check=False, cwd=os.path.join(work, folder))
            row += ['%.3f' % v for v in score([truth[i] for i in unseen], out, [names[i] for i in unseen])]
        print('| %s | %d | %d | %s |' % (name, n, batch, ' | '.join(row)))
    shutil.rmtree(work)


if __name__ == '__main__':
    main()
