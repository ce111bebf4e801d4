// Amounts of money: "$1.9 million", "1.9 million dollars", "€50,000", "3 million roubles".
const SYMBOLS: Record<string, string> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'CNY',
  '₽': 'RUB',
  '₴': 'UAH',
  '₺': 'TRY',
  '₹': 'INR',
};
const WORDS: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  rouble: 'RUB',
  roubles: 'RUB',
  ruble: 'RUB',
  rubles: 'RUB',
  yuan: 'CNY',
  hryvnia: 'UAH',
  hryvnias: 'UAH',
  lira: 'TRY',
  liras: 'TRY',
  rupee: 'INR',
  rupees: 'INR',
  lei: 'MDL',
  leu: 'MDL',
  lari: 'GEL',
  tenge: 'KZT',
  zloty: 'PLN',
  zlotys: 'PLN',
  naira: 'NGN',
  rupiah: 'IDR',
  shekel: 'ILS',
  shekels: 'ILS',
  dirham: 'AED',
  dirhams: 'AED',
  riyal: 'SAR',
  riyals: 'SAR',
  forints: 'HUF',
  forint: 'HUF',
  reais: 'BRL',
  real: 'BRL',
  won: 'KRW',
  yen: 'JPY',
  rial: 'IRR',
  rials: 'IRR',
};
const CODES = new Set([
  'NGN',
  'IDR',
  'ILS',
  'AED',
  'SAR',
  'USD',
  'EUR',
  'GBP',
  'RUB',
  'CNY',
  'UAH',
  'TRY',
  'INR',
  'MDL',
  'GEL',
  'KZT',
  'PLN',
  'HUF',
  'BRL',
  'KRW',
  'JPY',
  'IRR',
  'CHF',
  'AUD',
  'CAD',
]);
const SCALE: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mln: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
};

export interface Money {
  amount: number;
  currency: string;
  start: number;
  end: number;
}

const NUM = String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)`;
const SCALES = String.raw`(?:\s?(thousand|million|billion|mln|bn|m|k|b)\b)?`;
const BY_SYMBOL = new RegExp(String.raw`(US\$|[$€£¥₽₴₺₹])\s?${NUM}${SCALES}`, 'g');
const BY_CODE = new RegExp(String.raw`\b([A-Z]{3})\s?${NUM}${SCALES}`, 'g');
const BY_WORD = new RegExp(String.raw`${NUM}${SCALES}\s(?:US\s)?([A-Za-z]+)`, 'g');

const value = (n: string, scale?: string) =>
  Number(n.replace(/,/g, '')) * (scale ? (SCALE[scale.toLowerCase()] ?? 1) : 1);

export function findMoney(text: string, from: number, to: number): Money[] {
  const s = text.slice(from, to);
  const out: Money[] = [];
  for (const m of s.matchAll(BY_SYMBOL)) {
    const currency = SYMBOLS[m[1] ?? ''];
    if (currency && m.index !== undefined)
      out.push({
        amount: value(m[2] ?? '0', m[3]),
        currency,
        start: from + m.index,
        end: from + m.index + m[0].length,
      });
  }
  for (const m of s.matchAll(BY_CODE)) {
    if (!CODES.has(m[1] ?? '') || m.index === undefined) continue;
    out.push({
      amount: value(m[2] ?? '0', m[3]),
      currency: m[1] ?? '',
      start: from + m.index,
      end: from + m.index + m[0].length,
    });
  }
  for (const m of s.matchAll(BY_WORD)) {
    const currency = WORDS[(m[3] ?? '').toLowerCase()];
    if (!currency || m.index === undefined) continue;
    const start = from + m.index;
    if (out.some((o) => o.start <= start && o.end > start)) continue;
    out.push({ amount: value(m[1] ?? '0', m[2]), currency, start, end: start + m[0].length });
  }
  return out.filter((o) => o.amount > 0).sort((a, b) => a.start - b.start);
}
