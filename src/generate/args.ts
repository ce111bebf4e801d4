// Arguments of `mediagraph generate --articles N [--seed S] --out DIR`.

export interface GenerateArgs {
  articles: number;
  seed: number;
  out: string;
}

/** Article ids have seven digits. */
export const MAX_ARTICLES = 9_999_999;
const MAX_SEED = 0xffffffff;
const USAGE = 'expected --articles N [--seed S] --out DIR';

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new Error(`${flag} must be a whole number from ${min} to ${max}, not '${value}'`);
  }
  return n;
}

/** Parses the arguments after `generate`; throws an Error naming the flag at fault. */
export function parseGenerateArgs(argv: string[]): GenerateArgs {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument '${arg}'; ${USAGE}`);
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (flag !== '--articles' && flag !== '--seed' && flag !== '--out') {
      throw new Error(`unknown option '${flag}'; ${USAGE}`);
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value === '') throw new Error(`${flag} needs a value`);
    if (given.has(flag)) throw new Error(`${flag} is given more than once`);
    given.set(flag, value);
  }

  const articles = given.get('--articles');
  const out = given.get('--out');
  if (articles === undefined) throw new Error(`--articles is required; ${USAGE}`);
  if (out === undefined) throw new Error(`--out is required; ${USAGE}`);
  const seed = given.get('--seed');
  return {
    articles: wholeNumber('--articles', articles, 1, MAX_ARTICLES),
    seed: seed === undefined ? 1 : wholeNumber('--seed', seed, 0, MAX_SEED),
    out,
  };
}
