// The phrasebook of the synthetic corpus: how each kind of event is written, who may take part
// in it, and the quotes and claims actors make. Templates name actors with {A} (the agent) and
// {T} (the targets); everything else is literal text.
import type { Event } from '../generated/annotation';
import type { ActorKind } from './actors';

export type EventType = Event['type'];

/** One way of writing a measure: verb forms for each modality, an object tail, a noun phrase. */
export interface Variant {
  past: string;
  base: string;
  part: string;
  /** Written after the targets (and the amount, for a fine). */
  tail: string;
  /** How a later sentence refers to the event: "{A}'s advertising ban on {T}". */
  noun: string;
  /** A fine: an amount is written after the targets. */
  fine?: boolean;
}

const v = (past: string, base: string, part: string, tail: string, noun: string): Variant => ({
  past,
  base,
  part,
  tail,
  noun,
});

/** Measures against media and platforms: the events an article is mostly about. */
export const MEASURES: Partial<Record<EventType, Variant[]>> = {
  AD_BAN: [
    v(
      'removed all advertising from the accounts of',
      'remove all advertising from the accounts of',
      'removed all advertising from the accounts of',
      '',
      "{A}'s decision to remove advertising from {T}",
    ),
    v(
      'banned advertisements from',
      'ban advertisements from',
      'banned advertisements from',
      '',
      "{A}'s advertising ban on {T}",
    ),
    v(
      'stopped selling ads to',
      'stop selling ads to',
      'stopped selling ads to',
      '',
      "{A}'s refusal to sell ads to {T}",
    ),
  ],
  ACCOUNT_RESTRICTION: [
    v(
      'suspended the accounts of',
      'suspend the accounts of',
      'suspended the accounts of',
      '',
      'the suspension of the accounts of {T} by {A}',
    ),
    v(
      'restricted the reach of posts by',
      'restrict the reach of posts by',
      'restricted the reach of posts by',
      '',
      "{A}'s move to throttle posts by {T}",
    ),
    v(
      'removed dozens of videos published by',
      'remove dozens of videos published by',
      'removed dozens of videos published by',
      '',
      "{A}'s removal of videos by {T}",
    ),
    v(
      'geo-blocked the channels of',
      'geo-block the channels of',
      'geo-blocked the channels of',
      ' in several countries',
      "{A}'s geo-blocking of {T}",
    ),
  ],
  CONTENT_LABELING: [
    v(
      'labelled',
      'label',
      'labelled',
      ' as state-affiliated media',
      "{A}'s decision to label {T} as state-affiliated media",
    ),
    v(
      'added warning labels to posts by',
      'add warning labels to posts by',
      'added warning labels to posts by',
      '',
      'the warning labels {A} put on posts by {T}',
    ),
  ],
  BROADCAST_BAN: [
    v(
      'banned the broadcasts of',
      'ban the broadcasts of',
      'banned the broadcasts of',
      '',
      "{A}'s ban on broadcasts by {T}",
    ),
    v(
      'ordered cable operators to stop carrying',
      'order cable operators to stop carrying',
      'ordered cable operators to stop carrying',
      '',
      "{A}'s order to take {T} off cable networks",
    ),
    v('took', 'take', 'taken', ' off the air', "{A}'s decision to take {T} off the air"),
  ],
  PLATFORM_BLOCKING: [
    v(
      'blocked access to',
      'block access to',
      'blocked access to',
      ' nationwide',
      "{A}'s blocking of {T}",
    ),
    v(
      'throttled',
      'throttle',
      'throttled',
      ' on all mobile networks',
      'the throttling of {T} by {A}',
    ),
  ],
  LEGAL_DESIGNATION: [
    v(
      'designated',
      'designate',
      'designated',
      ' as a foreign agent',
      "{A}'s designation of {T} as a foreign agent",
    ),
    v(
      'withdrew the press accreditation of',
      'withdraw the press accreditation of',
      'withdrawn the press accreditation of',
      '',
      "{A}'s withdrawal of accreditation from {T}",
    ),
    v(
      'revoked the broadcasting licence of',
      'revoke the broadcasting licence of',
      'revoked the broadcasting licence of',
      '',
      "{A}'s decision to revoke the licence of {T}",
    ),
    v(
      'ordered the closure of the local bureau of',
      'order the closure of the local bureau of',
      'ordered the closure of the local bureau of',
      '',
      'the closure of the bureau of {T} ordered by {A}',
    ),
  ],
  RESTRICTIVE_MEASURE: [
    v(
      'imposed new restrictions on',
      'impose new restrictions on',
      'imposed new restrictions on',
      '',
      "{A}'s new restrictions on {T}",
    ),
    v(
      'took unspecified measures against',
      'take unspecified measures against',
      'taken unspecified measures against',
      '',
      "{A}'s measures against {T}",
    ),
    {
      ...v('fined', 'fine', 'fined', ' for breaching media rules', 'the fine {A} imposed on {T}'),
      fine: true,
    },
  ],
  THREAT: [
    v(
      'threatened to block',
      'threaten to block',
      'threatened to block',
      ' unless it complies with local content rules',
      "{A}'s threat to block {T}",
    ),
    v(
      'warned that it would fine',
      'warn that it would fine',
      'warned that it would fine',
      ' if it did not remove the disputed content',
      "{A}'s warning to {T}",
    ),
  ],
  INVESTIGATION: [
    v(
      'opened an investigation into',
      'open an investigation into',
      'opened an investigation into',
      '',
      "{A}'s investigation into {T}",
    ),
    v(
      'launched a review of the activities of',
      'launch a review of the activities of',
      'launched a review of the activities of',
      '',
      "{A}'s review of the activities of {T}",
    ),
    v(
      'began an audit of the funding of',
      'begin an audit of the funding of',
      'begun an audit of the funding of',
      '',
      "{A}'s audit of the funding of {T}",
    ),
  ],
};

export const ACCUSATION_NOUN = 'the accusations {A} made against {T}';

/** What an accuser says the accused did: the -ing form for "accused X of", the past for the claim. */
export const ACCUSATIONS: readonly (readonly [string, string])[] = [
  ['spreading disinformation', 'spread disinformation'],
  ['receiving undisclosed foreign funding', 'received undisclosed foreign funding'],
  ['breaching the rules on political advertising', 'breached the rules on political advertising'],
  ['acting on behalf of a foreign government', 'acted on behalf of a foreign government'],
  ['running a coordinated influence campaign', 'ran a coordinated influence campaign'],
];
export const INTERFERENCE: readonly [string, string] = [
  'attempting to interfere in',
  'attempted to interfere in',
];

export const ELECTION_KINDS = ['parliamentary', 'presidential', 'regional', 'municipal'];

/** The kind of main event an article reports, by weight. */
export const MAIN_TYPES: readonly (readonly [EventType, number])[] = [
  ['AD_BAN', 14],
  ['ACCOUNT_RESTRICTION', 16],
  ['CONTENT_LABELING', 10],
  ['BROADCAST_BAN', 12],
  ['PLATFORM_BLOCKING', 10],
  ['LEGAL_DESIGNATION', 12],
  ['RESTRICTIVE_MEASURE', 10],
  ['THREAT', 8],
  ['INVESTIGATION', 8],
];

type KindWeights = readonly (readonly [ActorKind, number])[];
/** Who takes measures of each type, and against whom. */
export const MEASURE_ROLES: Partial<
  Record<EventType, { agent: KindWeights; target: KindWeights }>
> = {
  AD_BAN: { agent: [['PLATFORM', 1]], target: [['MEDIA_OUTLET', 1]] },
  ACCOUNT_RESTRICTION: {
    agent: [['PLATFORM', 1]],
    target: [
      ['MEDIA_OUTLET', 6],
      ['PERSON', 2],
      ['CIVIL_SOCIETY', 1],
    ],
  },
  CONTENT_LABELING: { agent: [['PLATFORM', 1]], target: [['MEDIA_OUTLET', 1]] },
  BROADCAST_BAN: {
    agent: [
      ['GOVERNMENT_BODY', 4],
      ['STATE', 1],
    ],
    target: [['MEDIA_OUTLET', 1]],
  },
  PLATFORM_BLOCKING: {
    agent: [
      ['GOVERNMENT_BODY', 3],
      ['STATE', 1],
    ],
    target: [['PLATFORM', 1]],
  },
  LEGAL_DESIGNATION: {
    agent: [['GOVERNMENT_BODY', 1]],
    target: [
      ['MEDIA_OUTLET', 5],
      ['CIVIL_SOCIETY', 2],
      ['PERSON', 1],
    ],
  },
  RESTRICTIVE_MEASURE: {
    agent: [
      ['STATE', 2],
      ['GOVERNMENT_BODY', 2],
    ],
    target: [
      ['MEDIA_OUTLET', 3],
      ['PLATFORM', 1],
    ],
  },
  THREAT: {
    agent: [['GOVERNMENT_BODY', 1]],
    target: [
      ['PLATFORM', 2],
      ['MEDIA_OUTLET', 1],
    ],
  },
  INVESTIGATION: {
    agent: [
      ['GOVERNMENT_BODY', 3],
      ['PLATFORM', 1],
    ],
    target: [
      ['MEDIA_OUTLET', 2],
      ['PLATFORM', 1],
      ['CIVIL_SOCIETY', 1],
    ],
  },
};

/** Reactions to the main event, by weight. */
export const REACTIONS: readonly (readonly [EventType | 'FOLLOW_UP', number])[] = [
  ['CRITICISM', 26],
  ['APPEAL', 12],
  ['RETALIATION_VOW', 12],
  ['PROTEST_ACTION', 9],
  ['THREAT', 6],
  ['DENIAL', 8],
  ['STATEMENT', 8],
  ['DONATION', 7],
  ['FOLLOW_UP', 10],
  ['ACCUSATION', 4],
  ['INVESTIGATION', 3],
];

export const CRITICISM_VERBS = ['condemned', 'denounced', 'criticised', 'sharply criticised'];
export const MILD_CRITICISM_VERBS = ['expressed regret over', 'voiced concern about'];
export const CRITICISM_LABELS = [
  'a crackdown on free speech',
  'an act of censorship',
  'a politically motivated decision',
  'a dangerous precedent',
  'an attack on independent journalism',
];

export const QUOTES: Partial<Record<EventType, readonly string[]>> = {
  CRITICISM: [
    'This decision is an attack on the freedom of the press',
    'We regret it, and we expect a full explanation',
    'It sets a dangerous precedent for every newsroom',
    'The move is politically motivated and deeply unfair',
    'Nobody has shown us a single piece of evidence',
    'This is censorship, pure and simple',
  ],
  APPEAL: [
    'We hope that common sense will prevail',
    'We urge them to sort out the situation in detail',
    'The decision must be reversed without delay',
    'We ask for a dialogue, not for punishment',
  ],
  RETALIATION_VOW: [
    'Our response will be symmetrical',
    'We will not leave this unanswered',
    'Every step against our media will be met with an equal step',
  ],
  THREAT: [
    'Either they comply with our law, or they will be blocked',
    'We have given them one last warning',
    'There will be consequences if nothing changes',
  ],
  STATEMENT: [
    'We apply our policies to every account in the same way',
    'The decision was taken after a careful review',
    'Our rules are public and they apply to everyone',
    'We are following the situation closely',
  ],
};

/** What the accused say: against an accusation, and against a measure's stated grounds. */
export const ACCUSATION_DENIALS = [
  'We have never taken instructions from any government',
  'These accusations are groundless',
  'Our editorial policy is fully independent',
  'There is no evidence whatsoever for these claims',
];
export const RULE_DENIALS = [
  'We have broken no rules',
  'We have always complied with the law',
  'Nobody ever told us what we did wrong',
];

/** Grounds given for a measure, said by its agent: "{T} had ...". */
export const GROUNDS = [
  'had repeatedly broken the rules on political advertising',
  'had failed to register as required by law',
  'had spread false information about public health',
  'had been warned several times before',
  'had ignored repeated requests to remove unlawful content',
];

export const APPEAL_FORMS = [
  'called for {N} to be reversed',
  'urged a review of {N}',
  'asked for {N} to be reconsidered',
];
export const RETALIATION_FORMS = [
  'vowed tit-for-tat measures over {N}',
  'promised a symmetrical response to {N}',
  'vowed to retaliate for {N}',
];
export const DEFENCES = ['had broken no rules', 'cannot influence elections in any country'];
