// The extractor's small parts: amounts of money, date lines and the dates events are given in.
import { findDateline, publicationDate, sentenceDate } from '../../src/extract/dates';
import { findMoney } from '../../src/extract/money';

describe('money', () => {
  const one = (s: string) => findMoney(s, 0, s.length)[0];

  it.each([
    ['pledged $ 1.9 mln to research', 1.9e6, 'USD'],
    ['a fine of 3 billion rubles', 3e9, 'RUB'],
    ['gave €50,000 to the station', 50_000, 'EUR'],
    ['an extra 5 million zlotys this year', 5e6, 'PLN'],
    ['fined it RUB 2 million', 2e6, 'RUB'],
  ])('reads "%s"', (s, amount, currency) => {
    expect(one(s)).toMatchObject({ amount, currency });
    const m = one(s)!;
    expect(s.slice(m.start, m.end)).toMatch(/\d/);
  });

  it('finds no money in dates, counts or shares', () => {
    for (const s of ['until January 19', 'more than 20 protesters', 'less than 1% of revenue'])
      expect(findMoney(s, 0, s.length)).toEqual([]);
  });
});

describe('dates', () => {
  it('finds the date line after a headline line, with its span', () => {
    const text = 'Regulator fines broadcaster\nRIGA, March 3. The council fined the channel.';
    const d = findDateline(text)!;
    expect(d).toMatchObject({ text: 'RIGA, March 3', month: 2, day: 3 });
    expect(text.slice(d.start, d.end)).toBe('RIGA, March 3');
  });

  it("takes a date line's missing year from the latest year the text names, and says so", () => {
    const text = 'MOSCOW, October 27. Reports on the 2016 election came out in 2017.';
    const p = publicationDate(text, findDateline(text));
    expect(p.date).toBe('2017-10-27');
    expect(p.note).toMatch(/no year/);
  });

  it('reads "on Thursday", "earlier this month" and "last year" from the publication date', () => {
    // 2017-10-27 was a Friday.
    expect(sentenceDate('It acted on Thursday.', 0, '2017-10-27')).toMatchObject({
      occurredOn: '2017-10-26',
      precision: 'DAY',
    });
    expect(sentenceDate('It acted earlier this month.', 0, '2017-10-27')).toMatchObject({
      occurredOn: '2017-10-01',
      precision: 'MONTH',
    });
    expect(sentenceDate('It acted last year.', 0, '2017-10-27')).toMatchObject({
      occurredOn: '2016-01-01',
      precision: 'YEAR',
    });
    expect(sentenceDate('It acted.', 0, '2017-10-27')).toEqual({ precision: 'UNKNOWN' });
  });
});
