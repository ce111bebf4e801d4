// Input files for the extractor: text and HTML read into an ArticleInput, and each kind of bad
// input refused with the file and the reason. Every fixture is made here, in a temporary folder.
import { mkdtempSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decode, declaredCharset, invalidUtf8At } from '../../src/extract/input/bytes';
import { blockText, htmlArticle } from '../../src/extract/input/html';
import { MAX_HTML_ELEMENTS } from '../../src/extract/input/html';
import {
  MAX_HTML_FILE_BYTES,
  MAX_TEXT_CHARS,
  MAX_TEXT_FILE_BYTES,
  articleTextProblem,
  inputFiles,
  readArticleInput,
} from '../../src/extract/input';
import {
  MIN_STOP_WORD_SHARE,
  measureLanguage,
  notEnglishReason,
} from '../../src/extract/input/language';

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'mediagraph-input-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

const ENGLISH =
  'LONDON, March 3. The media regulator of Northvale said on Tuesday that it had fined the ' +
  'broadcaster Channel Nine for a report that it found to be one-sided. The channel said the ' +
  'fine was a blow to press freedom and vowed to take the regulator to court. ' +
  'A spokesman for the ministry of culture told reporters that the regulator acts on its own.\r\n';

// News paragraphs in other languages, written for these tests.
const FOREIGN: Record<string, string> = {
  French:
    "Le régulateur français de l'audiovisuel a retiré mardi la licence de diffusion d'une chaîne de télévision étrangère, estimant que ses programmes ne respectaient pas les règles sur l'honnêteté de l'information. La chaîne a dénoncé une décision politique et a annoncé qu'elle ferait appel devant le Conseil d'État. Selon le ministère, la mesure entre en vigueur à la fin du mois.",
  German:
    'Die Medienaufsicht hat am Dienstag einem ausländischen Fernsehsender die Sendelizenz entzogen, weil seine Programme gegen die Regeln zur Ausgewogenheit der Berichterstattung verstoßen hätten. Der Sender sprach von einer politischen Entscheidung und kündigte an, vor dem Verwaltungsgericht zu klagen. Nach Angaben des Ministeriums tritt die Maßnahme am Monatsende in Kraft.',
  Spanish:
    'El regulador audiovisual retiró el martes la licencia de emisión a una cadena de televisión extranjera, al considerar que sus programas no respetaban las normas sobre la imparcialidad informativa. La cadena denunció una decisión política y anunció que recurrirá ante el Tribunal Supremo. Según el ministerio, la medida entrará en vigor a finales de mes.',
  Portuguese:
    'O regulador do audiovisual retirou na terça-feira a licença de transmissão de um canal de televisão estrangeiro, por considerar que os seus programas não respeitavam as regras sobre a imparcialidade da informação. O canal denunciou uma decisão política e anunciou que vai recorrer ao tribunal administrativo. Segundo o ministério, a medida entra em vigor no fim do mês.',
  Dutch:
    "De mediatoezichthouder heeft dinsdag de uitzendvergunning van een buitenlandse televisiezender ingetrokken, omdat de programma's in strijd zouden zijn met de regels over onpartijdige berichtgeving. De zender sprak van een politiek besluit en kondigde aan in beroep te gaan bij de rechter. Volgens het ministerie gaat de maatregel aan het einde van de maand in.",
  Danish:
    'Medietilsynet har tirsdag inddraget sendetilladelsen for en udenlandsk tv-kanal, fordi kanalens programmer efter tilsynets vurdering ikke overholdt reglerne om saglig og upartisk nyhedsformidling. Kanalen kaldte det en politisk beslutning og meddelte, at den vil indbringe sagen for retten. Ifølge ministeriet træder foranstaltningen i kraft ved udgangen af måneden.',
  Polish:
    'Krajowa rada radiofonii odebrała we wtorek koncesję na nadawanie zagranicznemu kanałowi telewizyjnemu, uznając, że jego programy naruszały zasady rzetelności informacji. Kanał nazwał to decyzją polityczną i zapowiedział odwołanie do sądu administracyjnego. Według ministerstwa środek wejdzie w życie pod koniec miesiąca. To nie pierwszy raz, gdy regulator podejmuje taki krok.',
  Russian:
    'Роскомнадзор во вторник ограничил доступ к сайту иностранного телеканала, заявив, что его материалы нарушают закон о средствах массовой информации. Телеканал назвал это решение политическим и пообещал обжаловать его в суде. По словам представителя ведомства, ограничение будет действовать до устранения нарушений.',
  Chinese:
    '国家广播电视总局周二宣布暂停一家外国电视频道在境内的播出，称其报道违反了关于新闻真实公正的规定。该频道表示这是出于政治目的的决定，并将寻求法律途径解决。有关部门表示，禁令将持续到问题得到纠正为止。多个记者组织对此表示关切，认为这一做法影响新闻自由。',
};

const ok = async (file: string) => {
  const r = await readArticleInput(file);
  if (!r.ok) throw new Error(`refused: ${r.issue.reason}`);
  return r.article;
};
const reasonFor = async (file: string) => {
  const r = await readArticleInput(file);
  if (r.ok) throw new Error(`${file} was not refused`);
  expect(r.issue.file).toBe(file);
  expect(r.issue.field).toBe('');
  return r.issue.reason;
};

describe('text files', () => {
  test('the text as it is, CRLF and all, named as its own text file', async () => {
    const file = fixture('plain.txt', ENGLISH);
    const a = await ok(file);
    expect(a.format).toBe('text');
    expect(a.input).toEqual({ text: ENGLISH, textFile: 'plain.txt' });
    expect(a.verbatim).toBe(true);
  });

  test('a BOM is dropped and nothing else; the text is then not the file as it is', async () => {
    const file = fixture(
      'bom.txt',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ENGLISH)]),
    );
    const a = await ok(file);
    expect(a.input).toEqual({ text: ENGLISH, textFile: 'bom.txt' });
    expect(a.verbatim).toBe(false);
  });

  test('characters beyond U+FFFF stay whole', async () => {
    const text = `${ENGLISH} The channel answered with \u{1F4FA} and \u{1F44E}.`;
    expect((await ok(fixture('emoji.txt', text))).input.text).toBe(text);
  });

  test.each<[string, string | Buffer, RegExp]>([
    ['empty.txt', '', /^is empty$/],
    ['blank.txt', ' \n\t\r\n  \u00a0\n', /^holds only white space$/],
    ['bom-only.txt', Buffer.from([0xef, 0xbb, 0xbf]), /^is empty$/],
    [
      'nul.txt',
      Buffer.concat([Buffer.from('The regulator '), Buffer.from([0]), Buffer.from(' said')]),
      /^is not text: it holds a NUL byte at offset 14/,
    ],
    [
      'binary.txt',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]),
      /NUL byte at offset 8/,
    ],
    [
      'latin1.txt',
      Buffer.from('The regulator fined the caf\xe9 owner.', 'latin1'),
      /^is not UTF-8 text: the byte at offset 27 \(0xe9\) is not valid UTF-8/,
    ],
    ['utf16.txt', Buffer.from('\ufeffThe regulator', 'utf16le'), /^is UTF-16/],
    ['cesu.txt', Buffer.from([0x41, 0xed, 0xa0, 0x80, 0x42]), /byte at offset 1 \(0xed\)/],
  ])('%s is refused', async (name, content, reason) => {
    expect(await reasonFor(fixture(name, content))).toMatch(reason);
  });

  test('a 5 MB file is refused by its size, unread, naming the limit', async () => {
    const file = path.join(dir, 'huge.txt');
    writeFileSync(file, '');
    truncateSync(file, 5 * 1024 * 1024); // sparse: all NUL bytes, which would be refused if read
    const t0 = Date.now();
    const reason = await reasonFor(file);
    expect(reason).toBe(
      'is 5,242,880 bytes, over the limit of 3,000,000 bytes for a text file (articles are at most 1,000,000 characters)',
    );
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  test('a file under the byte limit but over the character limit is refused by its length', async () => {
    const text = 'the news '.repeat(Math.ceil((MAX_TEXT_CHARS + 1) / 9));
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_TEXT_FILE_BYTES);
    expect(await reasonFor(fixture('long.txt', text))).toBe(
      `is ${text.length.toLocaleString('en-US')} characters long, over the limit of 1,000,000 characters`,
    );
  });

  test('a text at the character limit is taken', async () => {
    const text = 'the news '.repeat(MAX_TEXT_CHARS / 10) + 'x'.repeat(MAX_TEXT_CHARS / 10);
    expect(text.length).toBe(MAX_TEXT_CHARS);
    expect((await ok(fixture('limit.txt', text))).input.text.length).toBe(MAX_TEXT_CHARS);
  });

  test.each(Object.keys(FOREIGN))('an article in %s is refused as not English', async (lang) => {
    expect(await reasonFor(fixture(`${lang}.txt`, FOREIGN[lang]!))).toMatch(
      /^does not look like English: .*the extractor reads English only$/,
    );
  });

  test('other extensions, folders and missing files are refused', async () => {
    expect(await reasonFor(fixture('notes.md', ENGLISH))).toBe('is not a .txt, .html, .htm file');
    mkdirSync(path.join(dir, 'folder.txt'), { recursive: true });
    expect(await reasonFor(path.join(dir, 'folder.txt'))).toBe('is not a file');
    expect(await reasonFor(path.join(dir, 'missing.txt'))).toBe('no such file');
  });
});

describe('articleTextProblem', () => {
  test('a lone surrogate is refused with its offset', () => {
    expect(articleTextProblem(`${ENGLISH}\ud800 and more`)).toBe(
      `holds at offset ${ENGLISH.length} of its text half of a UTF-16 surrogate pair, which is no character and cannot be stored`,
    );
    expect(articleTextProblem(`\udc00${ENGLISH}`)).toMatch(/^holds at offset 0 of its text half/);
  });

  test('a good text has no problem', () => expect(articleTextProblem(ENGLISH)).toBeNull());
});

describe('the English test', () => {
  test('English scores well above the threshold, the others well below', () => {
    expect(measureLanguage(ENGLISH).stopWordShare).toBeGreaterThan(2 * MIN_STOP_WORD_SHARE);
    for (const [lang, text] of Object.entries(FOREIGN)) {
      const m = measureLanguage(text);
      expect({
        lang,
        low: m.stopWordShare < MIN_STOP_WORD_SHARE * 0.7 || m.latinShare < 0.1,
      }).toEqual({
        lang,
        low: true,
      });
    }
  });

  test('English quoting another language, and names in another script, is English', () => {
    expect(
      notEnglishReason(`${ENGLISH} The minister wrote: «${FOREIGN.French!.slice(0, 120)}»`),
    ).toBeNull();
    expect(notEnglishReason(`${ENGLISH} The agency, Роскомнадзор, did not comment.`)).toBeNull();
  });

  test('a short text is not judged', () => {
    expect(notEnglishReason('Roskomnadzor blocked Meduza.')).toBeNull();
    expect(notEnglishReason('Роскомнадзор заблокировал сайт.')).toBeNull();
  });

  test('the reason says what was measured', () => {
    expect(notEnglishReason(FOREIGN.German!)).toMatch(
      /^does not look like English: \d+% of its first \d+ words are common English words such as "the", "of" and "to" \(English text has over 12%\)/,
    );
    expect(notEnglishReason(FOREIGN.Russian!)).toMatch(
      /^does not look like English: 0% of the letters of its first 5000 characters are Latin script \(English needs 50%\)/,
    );
  });
});

const page = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Regulator fines Channel Nine over report | Daily Example</title>${head}</head><body>${body}</body></html>`;
const ARTICLE_BODY =
  '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/media">Media</a></nav>' +
  '<article><h1>Regulator fines Channel Nine over report</h1>' +
  '<p>The media   regulator of Northvale said on Tuesday that it had fined the broadcaster\n Channel Nine for a report that it found to be one-sided.</p>' +
  '<p>The channel said the fine was a blow to press&nbsp;freedom and vowed to take<br>the regulator to court.</p>' +
  '<p>A spokesman for the ministry of culture told reporters that the regulator acts on its own and that the ministry has no say in its decisions.</p>' +
  '<script>var tracking = "the of and to in";</script></article>' +
  '<footer>Copyright Daily Example. All rights reserved.</footer>';

describe('HTML pages', () => {
  test('the body by Readability, one paragraph per block, white space collapsed', async () => {
    const file = fixture(
      'page.html',
      page(
        ARTICLE_BODY,
        '<link rel="canonical" href="https://daily.example/media/regulator-fines"><meta property="og:url" content="https://daily.example/og"><meta property="og:site_name" content="Daily Example"><meta property="article:published_time" content="2021-03-02T09:30:00+00:00">',
      ),
    );
    const a = await ok(file);
    expect(a.format).toBe('html');
    expect(a.input).toEqual({
      text:
        'The media regulator of Northvale said on Tuesday that it had fined the broadcaster Channel Nine for a report that it found to be one-sided.\n\n' +
        'The channel said the fine was a blow to press freedom and vowed to take the regulator to court.\n\n' +
        'A spokesman for the ministry of culture told reporters that the regulator acts on its own and that the ministry has no say in its decisions.',
      title: expect.stringContaining('Regulator fines Channel Nine over report'),
      url: 'https://daily.example/media/regulator-fines',
      source: 'Daily Example',
      publishedOn: '2021-03-02',
    });
    expect(a.verbatim).toBe(false);
    expect(a.input.text).not.toContain('Home');
    expect(a.input.text).not.toContain('tracking');
    expect(a.input.text).not.toContain('Copyright');
  });

  test('og:url when there is no canonical link; no url from a relative or odd one', async () => {
    const withOg = await ok(
      fixture(
        'og.htm',
        page(ARTICLE_BODY, '<meta property="og:url" content="https://daily.example/og">'),
      ),
    );
    expect(withOg.input.url).toBe('https://daily.example/og');
    const relative = await ok(
      fixture('relative.html', page(ARTICLE_BODY, '<link rel="canonical" href="/media/x">')),
    );
    expect(relative.input.url).toBeUndefined();
    const js = await ok(
      fixture('js.html', page(ARTICLE_BODY, '<link rel="canonical" href="javascript:alert(1)">')),
    );
    expect(js.input.url).toBeUndefined();
  });

  test('a page in a declared legacy character set is decoded with it', async () => {
    const html = page(ARTICLE_BODY.replace('Northvale', 'Northvale caf\xe9')).replace(
      '<meta charset="utf-8">',
      '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    );
    const a = await ok(fixture('legacy.html', Buffer.from(html, 'latin1')));
    expect(a.input.text).toContain('Northvale café said');
  });

  test.each<[string, string, RegExp]>([
    [
      'nav-only.html',
      page('<nav><a href="/">Home</a> <a href="/a">Sport</a></nav>'),
      /^has no article body: Readability found only 10 characters of article text \(at least 200 needed\)$/,
    ],
    [
      'no-body.html',
      '<html><head><title>x</title></head><body></body></html>',
      /^has no article body: Readability found no article text/,
    ],
    ['blank.html', '  \n ', /^holds only white space$/],
    ['empty.html', '', /^is empty$/],
    [
      'french.html',
      page(`<article><p>${FOREIGN.French}</p><p>${FOREIGN.French}</p></article>`),
      /^has an article text that does not look like English/,
    ],
  ])('%s is refused', async (name, html, reason) => {
    expect(await reasonFor(fixture(name, html))).toMatch(reason);
  });

  test('a page over the size limit is refused unread', async () => {
    const file = path.join(dir, 'huge.html');
    writeFileSync(file, '');
    truncateSync(file, 5 * 1024 * 1024);
    expect(await reasonFor(file)).toBe(
      `is 5,242,880 bytes, over the limit of ${MAX_HTML_FILE_BYTES.toLocaleString('en-US')} bytes for an HTML page`,
    );
  });

  test('a page of nearly 4 MB with few elements is read, in bounded time', async () => {
    const script = `<script>var data = "${'x'.repeat(3_700_000)}";</script>`;
    const html = page(`${script}${ARTICLE_BODY}`);
    expect(Buffer.byteLength(html)).toBeGreaterThan(0.9 * MAX_HTML_FILE_BYTES);
    expect(Buffer.byteLength(html)).toBeLessThan(MAX_HTML_FILE_BYTES);
    const t0 = Date.now();
    const a = await ok(fixture('large.html', html));
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(a.input.text).toContain('fined the broadcaster Channel Nine');
  });

  test('a page of too many elements is refused before Readability runs', async () => {
    const filler = '<div><a href="/x">More news</a></div>'.repeat(MAX_HTML_ELEMENTS / 2);
    const file = fixture('many.html', page(`${filler}${ARTICLE_BODY}`));
    const t0 = Date.now();
    expect(await reasonFor(file)).toMatch(
      /^has 20,0\d\d HTML elements, over the limit of 20,000 for a page$/,
    );
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  test('a NUL byte in a page is refused', async () => {
    expect(await reasonFor(fixture('nul.html', Buffer.from(`${page(ARTICLE_BODY)}\0`)))).toMatch(
      /^is not text: it holds a NUL byte/,
    );
  });

  test('blockText: cells apart, two line breaks end a paragraph, nothing nested too deep', () => {
    const { document } = htmlArticleDocument(
      '<div><table><tr><td>one</td><td>two</td></tr></table>first line<br><br> second<br>third</div>',
    );
    expect(blockText(document.body)).toBe('one two\n\nfirst line\n\nsecond third');
    const deep = '<div>'.repeat(20_000) + 'deep text' + '</div>'.repeat(20_000);
    expect(blockText(htmlArticleDocument(deep).document.body)).toBe('deep text');
  });

  test('htmlArticle on a page without an article gives no text', () => {
    expect(htmlArticle('<html><body></body></html>').text).toBe('');
  });
});

// linkedom, as html.ts loads it.
function htmlArticleDocument(html: string): { document: any } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('linkedom').parseHTML(`<html><body>${html}</body></html>`);
}

describe('bytes', () => {
  test('invalidUtf8At agrees with the platform decoder', () => {
    const samples = [
      Buffer.from('plain ascii'),
      Buffer.from('caf\u00e9 \u20ac \u{1F4A3}'),
      Buffer.from([0xc0, 0x80]), // overlong NUL
      Buffer.from([0xe0, 0x80, 0x80]), // overlong
      Buffer.from([0xf4, 0x90, 0x80, 0x80]), // above U+10FFFF
      Buffer.from([0xf0, 0x9f, 0x92]), // cut short
      Buffer.from([0x61, 0x80]), // a lone continuation byte
      Buffer.from([0xed, 0x9f, 0xbf]), // U+D7FF, the last before the surrogates
    ];
    for (const b of samples) {
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
      } catch {
        valid = false;
      }
      expect({ b: [...b], valid: invalidUtf8At(b) < 0 }).toEqual({ b: [...b], valid });
    }
  });

  test('declaredCharset reads both meta forms', () => {
    expect(declaredCharset(Buffer.from('<meta charset="ISO-8859-1">'))).toBe('iso-8859-1');
    expect(
      declaredCharset(
        Buffer.from('<meta http-equiv="content-type" content="text/html; charset=koi8-r">'),
      ),
    ).toBe('koi8-r');
    expect(declaredCharset(Buffer.from('<p>charset=x</p>'))).toBeNull();
  });

  test('a declared UTF-16 or unknown charset is read as UTF-8', () => {
    expect(decode(Buffer.from('<meta charset="utf-16"><p>caf\u00e9</p>'), { html: true })).toEqual({
      ok: true,
      text: '<meta charset="utf-16"><p>caf\u00e9</p>',
      bom: false,
    });
    expect(decode(Buffer.from('<meta charset="no-such"><p>x</p>'), { html: true }).ok).toBe(true);
  });
});

describe('inputFiles', () => {
  test('files as given, folders as their .txt/.html/.htm files below, sorted, each once', async () => {
    const root = path.join(dir, 'tree');
    fixture('tree/b.txt', ENGLISH);
    fixture('tree/a.html', page(ARTICLE_BODY));
    fixture('tree/sub/c.htm', page(ARTICLE_BODY));
    fixture('tree/sub/notes.json', '{}');
    fixture('tree/.hidden.txt', ENGLISH);
    fixture('tree/.cache/d.txt', ENGLISH);
    const single = fixture('single.txt', ENGLISH);
    const r = await inputFiles([single, root, path.join(root, 'b.txt'), path.join(dir, 'nope')]);
    expect(r.files).toEqual([
      single,
      path.join(root, 'a.html'),
      path.join(root, 'b.txt'),
      path.join(root, 'sub', 'c.htm'),
    ]);
    expect(r.issues).toEqual([
      { file: path.join(dir, 'nope'), field: '', reason: 'no such file or folder' },
    ]);
  });

  test('a folder with no input files is an issue', async () => {
    mkdirSync(path.join(dir, 'none'), { recursive: true });
    fixture('none/x.json', '{}');
    expect((await inputFiles([path.join(dir, 'none')])).issues).toEqual([
      { file: path.join(dir, 'none'), field: '', reason: 'holds no .txt, .html, .htm file' },
    ]);
  });
});
