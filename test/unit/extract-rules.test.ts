// The extractor's rules, one sentence each, in our own words. Each case names what it teaches:
// a rule that stops working fails here before it shows up as a lower score.
import { extractArticle } from '../../src/extract';
import { eventsFormat } from '../../src/extract/events-format';

function events(text: string) {
  return eventsFormat(extractArticle({ text, textFile: 'case.txt' })).events;
}

function find(text: string, type: string) {
  return events(text).filter((e) => e.type === type);
}

describe('who acts on whom', () => {
  it('takes the subject as agent and the object as target in the active voice', () => {
    const [e] = find(
      'RIGA, May 4. Latvia blocked access to Telegram on Monday.',
      'PLATFORM_BLOCKING',
    );
    expect(e?.agents).toEqual(['Latvia']);
    expect(e?.targets).toEqual(['Telegram']);
  });

  it('swaps them in the passive voice, with the agent after "by"', () => {
    const [e] = find('LONDON, March 3. RT was fined by Ofcom on Friday.', 'RESTRICTIVE_MEASURE');
    expect(e?.agents).toEqual(['Ofcom']);
    expect(e?.targets).toEqual(['RT']);
  });

  it('reads "X\'s decision to ban Y" as X banning Y', () => {
    const [e] = find(
      "BERLIN, June 2. Critics attacked YouTube's decision to remove the channels of RT DE.",
      'ACCOUNT_RESTRICTION',
    );
    expect(e?.agents).toEqual(['YouTube']);
    expect(e?.targets.join(' ')).toMatch(/RT/);
  });

  it('reads headline grammar', () => {
    const [e] = find(
      'Google suspends advertising for Sputnik\nMOSCOW, April 1. The news came late.',
      'AD_BAN',
    );
    expect(e?.agents).toEqual(['Google']);
    expect(e?.targets).toEqual(['Sputnik']);
  });

  it('aims a reaction that names no one at whoever took the measure', () => {
    const text =
      'PARIS, May 9. Meta removed the accounts of Sputnik on Tuesday. Sputnik condemned the decision as censorship.';
    const [c] = find(text, 'CRITICISM');
    expect(c?.agents).toEqual(['Sputnik']);
    expect(c?.targets).toEqual(['Meta']);
  });
});

describe('modality', () => {
  it('marks an announced measure as PLEDGED', () => {
    const [e] = find('WASHINGTON, May 2. Twitter said it will stop selling ads to RT.', 'AD_BAN');
    expect(e?.modality).toBe('PLEDGED');
  });

  it('marks a possible measure as HYPOTHETICAL', () => {
    const [e] = find(
      'ANKARA, May 5. Analysts said Turkey could block Wikipedia again next year.',
      'PLATFORM_BLOCKING',
    );
    expect(e?.modality).toBe('HYPOTHETICAL');
  });

  it('marks "allegedly" as ALLEGED', () => {
    const [e] = find(
      'KYIV, May 6. The SBU allegedly blocked the website of NewsOne.',
      'BROADCAST_BAN',
    );
    expect(e?.modality).toBe('ALLEGED');
  });

  it('marks a denied measure as DENIED', () => {
    const [e] = find(
      'MOSCOW, May 7. Roskomnadzor did not block YouTube, the agency said.',
      'PLATFORM_BLOCKING',
    );
    expect(e?.modality).toBe('DENIED');
  });
});

describe('speech', () => {
  it('codes a vow of counter-measures as RETALIATION_VOW', () => {
    const [e] = find(
      'MOSCOW, May 8. The Russian Foreign Ministry promised mirror measures against German media.',
      'RETALIATION_VOW',
    );
    expect(e?.agents.join(' ')).toMatch(/Foreign Ministry/);
  });

  it('codes an urging as APPEAL with the addressee as target', () => {
    const [e] = find(
      'GENEVA, May 9. Reporters Without Borders urged Belarus to free the journalists.',
      'APPEAL',
    );
    expect(e?.targets).toEqual(['Belarus']);
  });

  it('codes a refusal of a demand as REJECTION and a rejected accusation as DENIAL', () => {
    const text =
      "DELHI, May 10. X refused the government's demand to remove the posts. India's IT ministry denied the accusations of censorship.";
    expect(find(text, 'REJECTION')).toHaveLength(1);
    expect(find(text, 'DENIAL')).toHaveLength(1);
  });
});

describe('one event once', () => {
  it('merges a headline and the body that tell the same event', () => {
    const text =
      'Telegram blocked in Pakistan\nISLAMABAD, May 11. Pakistan blocked Telegram on Saturday, officials said.';
    expect(find(text, 'PLATFORM_BLOCKING')).toHaveLength(1);
  });
});

describe('more of the field', () => {
  it('codes lifting a ban as EASING by whoever lifts it', () => {
    const [e] = find('ANKARA, June 1. Turkey lifted its ban on Wikipedia on Friday.', 'EASING');
    expect(e?.agents).toEqual(['Turkey']);
    expect(e?.targets).toEqual(['Wikipedia']);
  });

  it('codes a challenge of a fine as LEGAL_ACTION against whoever fined', () => {
    const text =
      'PARIS, June 2. Arcom fined C8 on Monday. C8 said it would challenge the fine before the Council of State.';
    const [e] = find(text, 'LEGAL_ACTION');
    expect(e?.agents).toEqual(['C8']);
    expect(e?.targets).toEqual(['Arcom']);
    expect(e?.modality).toBe('PLEDGED');
  });

  it('codes quitting a platform as PROTEST_ACTION', () => {
    const [e] = find('WASHINGTON, June 3. NPR quits Twitter over the new label.', 'PROTEST_ACTION');
    expect(e?.agents).toEqual(['NPR']);
    expect(e?.targets).toEqual(['Twitter']);
  });

  it('codes "comply or be blocked" as THREAT, not as a blocking', () => {
    const text =
      'HANOI, June 4. The ministry said TikTok will be blocked in Vietnam if it does not remove the videos.';
    expect(find(text, 'PLATFORM_BLOCKING')).toHaveLength(0);
    expect(find(text, 'THREAT')).toHaveLength(1);
  });

  it('names a crowd the text does not name, and keeps a capital after "in" a place', () => {
    const [e] = find(
      'MINSK, June 5. Hundreds of protesters rallied in Minsk on Sunday.',
      'DEMONSTRATION',
    );
    expect(e?.agents).toEqual(['Hundreds of protesters']);
    expect(e?.targets).toEqual([]);
  });
});
