// The ontology's closed vocabularies (the shared ontology.md, v1.1), what each word means, and
// everything derived from them that is written into the graph. Labels and relationship types in
// Cypher come only from these tables; docs/ontology.md is written from them (npm run
// docs:ontology), so what users read is what the loader does.
import type {
  ActorKind,
  EventType,
  Modality,
  ParticipantRole,
  EventLinkKind,
} from './generated/graphql';

export const ACTOR_KINDS = [
  'PERSON',
  'STATE',
  'GOVERNMENT_BODY',
  'PLATFORM',
  'MEDIA_OUTLET',
  'CIVIL_SOCIETY',
  'OTHER_ORGANIZATION',
] as const satisfies readonly ActorKind[];

export const EVENT_TYPES = [
  'AD_BAN',
  'ACCOUNT_RESTRICTION',
  'CONTENT_LABELING',
  'BROADCAST_BAN',
  'PLATFORM_BLOCKING',
  'LEGAL_DESIGNATION',
  'RESTRICTIVE_MEASURE',
  'INVESTIGATION',
  'ACCUSATION',
  'CRITICISM',
  'DENIAL',
  'APPEAL',
  'THREAT',
  'RETALIATION_VOW',
  'PROTEST_ACTION',
  'DONATION',
  'STATEMENT',
  'ELECTION',
  'REJECTION',
  'EASING',
  'LEGAL_ACTION',
  'ARREST',
  'DEMONSTRATION',
] as const satisfies readonly EventType[];

/** Participant roles are stored as relationship types (Event)-[:ROLE]->(Actor), named as the enum. */
export const PARTICIPANT_ROLES = [
  'AGENT',
  'TARGET',
  'BENEFICIARY',
  'FUNDS_SOURCE',
  'ON_BEHALF_OF',
] as const satisfies readonly ParticipantRole[];

/** Event links are stored as relationship types (Event)-[:KIND]->(Event), named as the enum. */
export const LINK_KINDS = [
  'RESPONDS_TO',
  'JUSTIFIED_BY',
  'PART_OF',
  'IN_CONTEXT_OF',
] as const satisfies readonly EventLinkKind[];

export const MODALITIES = [
  'ASSERTED',
  'PLEDGED',
  'ALLEGED',
  'DENIED',
  'HYPOTHETICAL',
] as const satisfies readonly Modality[];

export const ONTOLOGY_VERSION = '1.1';

/** The types v1.1 added, from real articles that v1 could not code. */
export const ADDED_IN_V1_1: readonly EventType[] = [
  'REJECTION',
  'EASING',
  'LEGAL_ACTION',
  'ARREST',
  'DEMONSTRATION',
];

/** What each event type means, for annotators and analysts. */
export const EVENT_TYPE_MEANING: Record<EventType, string> = {
  AD_BAN:
    'Advertising is cut off: a platform stops selling or serving ads for an outlet or account, or advertisers stop buying ads from an outlet.',
  ACCOUNT_RESTRICTION:
    'Accounts or content are suspended, removed, throttled, pushed down in ranking or blocked in some countries.',
  CONTENT_LABELING: 'Accounts or content are given a label, such as "state-affiliated media".',
  BROADCAST_BAN:
    'A state or regulator stops an outlet from broadcasting or from distributing its content.',
  PLATFORM_BLOCKING: 'A state blocks or slows down a platform or online service on its territory.',
  LEGAL_DESIGNATION:
    'A legal status is imposed on media: registration as a foreign agent, a licence or accreditation taken away, a bureau ordered shut.',
  RESTRICTIVE_MEASURE: 'A measure against media that the text does not describe any further.',
  INVESTIGATION: 'A review, audit or inquiry into an actor or a matter.',
  ACCUSATION: 'An actor is charged with wrongdoing, for instance with interfering in an election.',
  CRITICISM: 'An actor voices regret, disapproval or condemnation of what another did.',
  DENIAL: 'An accusation is rejected: the accused, or someone speaking for them, says it is false.',
  APPEAL: 'An actor asks, urges or hopes that another actor will do something.',
  THREAT: 'A measure is held over an actor to make it comply, as in "comply or be blocked".',
  RETALIATION_VOW:
    'An actor promises counter-measures in return for what another did (tit-for-tat).',
  PROTEST_ACTION:
    "A symbolic act of protest or solidarity, such as deleting one's own account on a platform.",
  DONATION: 'Money is promised or handed over.',
  STATEMENT: 'A public statement or explanation that no other type covers.',
  ELECTION: 'An election that other events refer to; it is there as context.',
  REJECTION:
    'An actor refuses a demand, request or order, for instance declining to take posts down.',
  EASING:
    'A restriction is lifted, suspended, reversed or overturned, whoever does it: a regulator, a platform or a court.',
  LEGAL_ACTION:
    'A lawsuit, complaint or other legal challenge is filed against an actor or against a measure.',
  ARREST: 'Journalists, executives or activists are arrested, held in custody or charged.',
  DEMONSTRATION: 'People take to the streets in protest or hold a rally.',
};

/** What each actor kind covers. */
export const ACTOR_KIND_MEANING: Record<ActorKind, string> = {
  PERSON: 'A person, named or only described ("a Russian senator").',
  STATE: 'A country acting as a whole ("Moscow" standing for the Russian government is an alias).',
  GOVERNMENT_BODY:
    'A part of a state: an office, ministry, agency, regulator, court or parliament.',
  PLATFORM: 'An online platform or service, such as Twitter.',
  MEDIA_OUTLET: 'A broadcaster, news agency, newspaper or other outlet, such as RT or TASS.',
  CIVIL_SOCIETY: 'A union, association or non-governmental organisation.',
  OTHER_ORGANIZATION: 'Any organisation that fits none of the kinds above, such as an advertiser.',
};

/** What each participant role says about the actor in it. */
export const PARTICIPANT_ROLE_MEANING: Record<ParticipantRole, string> = {
  AGENT: 'Who acts or speaks.',
  TARGET: 'Who is acted upon or addressed.',
  BENEFICIARY: 'Who stands to gain from the event.',
  FUNDS_SOURCE: "Whose money the event is about, such as RT's payments for ads.",
  ON_BEHALF_OF: 'Whom the agent acts or speaks for, as Peskov speaks for the Kremlin.',
};

/** How sure the report is that the event took place. */
export const MODALITY_MEANING: Record<Modality, string> = {
  ASSERTED: 'Reported as having happened.',
  PLEDGED: 'Announced for the future ("will donate").',
  ALLEGED: 'Said to have happened by one party.',
  DENIED: 'Said not to have happened.',
  HYPOTHETICAL: 'Raised as a possibility only.',
};

/** What a link from one event to another says, read as "from -[kind]-> to". */
export const LINK_KIND_MEANING: Record<EventLinkKind, string> = {
  RESPONDS_TO: "A reaction to an earlier event: Peskov's criticism reacts to the ad ban.",
  JUSTIFIED_BY:
    "The other event is the reason given for this one: Twitter cites the Intelligence Community's accusation for its ad ban.",
  PART_OF:
    "One piece of a larger decision: the pledge of RT's ad money belongs to the ad-ban decision.",
  IN_CONTEXT_OF:
    'The other event is the background this one refers to: the accusation is about the 2016 US election.',
};

/** How to choose between types where two could fit; added in v1.1. */
export const CODING_RULES: readonly string[] = [
  'A court that orders a measure is the AGENT of that measure: a court ordering a platform blocked is the agent of a PLATFORM_BLOCKING, not of an event of its own.',
  'A court that strikes a measure down is the AGENT of an EASING.',
  'An APPEAL asks an actor to act; taking an actor or a measure to court is a LEGAL_ACTION.',
  'A DENIAL rejects an accusation ("we did not interfere"); a REJECTION refuses a demand ("we will not take the posts down").',
  'AD_BAN covers both sides of the ad trade: a platform that stops selling ads to an outlet, and advertisers that stop buying ads from it.',
];

/** A second label per actor kind, so Neo4j Browser can colour actors by kind. */
export const ACTOR_KIND_LABEL: Record<ActorKind, string> = {
  PERSON: 'Person',
  STATE: 'State',
  GOVERNMENT_BODY: 'GovernmentBody',
  PLATFORM: 'Platform',
  MEDIA_OUTLET: 'MediaOutlet',
  CIVIL_SOCIETY: 'CivilSociety',
  OTHER_ORGANIZATION: 'OtherOrganization',
};

/**
 * A second label per event, naming its family, so Neo4j Browser can colour events by family.
 * Families follow the PLOVER top-level types, with the non-coded types grouped by what they do.
 */
export const EVENT_FAMILY_LABEL: Record<EventType, string> = {
  AD_BAN: 'Sanction',
  ACCOUNT_RESTRICTION: 'Sanction',
  CONTENT_LABELING: 'Sanction',
  LEGAL_DESIGNATION: 'Sanction',
  RESTRICTIVE_MEASURE: 'Sanction',
  BROADCAST_BAN: 'Coercion',
  PLATFORM_BLOCKING: 'Coercion',
  ARREST: 'Coercion',
  THREAT: 'Threat',
  RETALIATION_VOW: 'Threat',
  ACCUSATION: 'Accusation',
  CRITICISM: 'Accusation',
  DENIAL: 'Accusation',
  // PLOVER files a refusal under REJECT with DENIAL, and taking someone to court under ACCUSE.
  REJECTION: 'Accusation',
  LEGAL_ACTION: 'Accusation',
  PROTEST_ACTION: 'Protest',
  DEMONSTRATION: 'Protest',
  APPEAL: 'Cooperation',
  DONATION: 'Cooperation',
  // Lifting a restriction is a concession, which PLOVER counts among the cooperative types.
  EASING: 'Cooperation',
  INVESTIGATION: 'Statement',
  STATEMENT: 'Statement',
  ELECTION: 'Context',
};

export const EVENT_FAMILY_LABELS = [...new Set(Object.values(EVENT_FAMILY_LABEL))];

export interface CameoCode {
  code: string;
  label: string;
}
export interface PloverCode {
  type: string;
  mode: string | null;
}

/** The CAMEO codebook's own wording for each code we use. */
export const CAMEO_LABEL: Record<string, string> = {
  '010': 'Make statement',
  '016': 'Deny responsibility',
  '017': 'Engage in symbolic act',
  '020': 'Make an appeal or request',
  '0331': 'Express intent to provide economic aid',
  '071': 'Provide economic aid',
  '081': 'Ease administrative sanctions',
  '090': 'Investigate',
  '110': 'Disapprove',
  '111': 'Criticize or denounce',
  '112': 'Accuse',
  '115': 'Bring lawsuit against',
  '120': 'Reject',
  '130': 'Threaten',
  '1312': 'Threaten with sanctions, boycott, embargo',
  '141': 'Demonstrate or rally',
  '160': 'Reduce relations',
  '163': 'Impose embargo, boycott, or sanctions',
  '172': 'Impose administrative sanctions',
  '1721': 'Impose restrictions on political freedoms',
  '173': 'Arrest, detain, or charge with legal action',
};

/** Null where the ontology gives the type no CAMEO code. */
export const CAMEO_BY_TYPE: Record<EventType, string | null> = {
  AD_BAN: '163',
  ACCOUNT_RESTRICTION: '172',
  CONTENT_LABELING: '172',
  BROADCAST_BAN: '172',
  PLATFORM_BLOCKING: '1721',
  LEGAL_DESIGNATION: '172',
  RESTRICTIVE_MEASURE: '160',
  INVESTIGATION: '090',
  ACCUSATION: '112',
  CRITICISM: '111',
  DENIAL: '016',
  APPEAL: '020',
  THREAT: '130',
  RETALIATION_VOW: '1312',
  PROTEST_ACTION: '017',
  DONATION: '0331',
  STATEMENT: '010',
  ELECTION: null,
  REJECTION: '120',
  EASING: '081',
  LEGAL_ACTION: '115',
  ARREST: '173',
  DEMONSTRATION: '141',
};

/** Null where the ontology gives the type no PLOVER code. */
export const PLOVER_BY_TYPE: Record<EventType, PloverCode | null> = {
  AD_BAN: { type: 'SANCTION', mode: 'discontinue' },
  ACCOUNT_RESTRICTION: { type: 'SANCTION', mode: 'discontinue' },
  CONTENT_LABELING: { type: 'SANCTION', mode: 'other' },
  BROADCAST_BAN: { type: 'COERCE', mode: 'censor' },
  PLATFORM_BLOCKING: { type: 'COERCE', mode: 'censor' },
  LEGAL_DESIGNATION: { type: 'SANCTION', mode: 'other' },
  RESTRICTIVE_MEASURE: { type: 'SANCTION', mode: null },
  INVESTIGATION: null,
  ACCUSATION: { type: 'ACCUSE', mode: 'allege' },
  CRITICISM: { type: 'ACCUSE', mode: 'disapprove' },
  DENIAL: { type: 'REJECT', mode: null },
  APPEAL: { type: 'REQUEST', mode: null },
  THREAT: { type: 'THREATEN', mode: null },
  RETALIATION_VOW: { type: 'THREATEN', mode: 'restrict' },
  PROTEST_ACTION: { type: 'PROTEST', mode: 'other' },
  DONATION: { type: 'AGREE', mode: null },
  STATEMENT: null,
  ELECTION: null,
  REJECTION: { type: 'REJECT', mode: null },
  EASING: { type: 'CONCEDE', mode: 'ease sanctions' },
  LEGAL_ACTION: { type: 'ACCUSE', mode: 'other' },
  ARREST: { type: 'COERCE', mode: 'arrest' },
  DEMONSTRATION: { type: 'PROTEST', mode: 'demonstrate' },
};

/**
 * The types whose codes depend on more than the type, with one case for each code they can get:
 * the docs list these codes, and cameoFor and ploverFor below decide between them.
 */
export const CODE_CASES: Partial<
  Record<EventType, readonly { when: string; modality: Modality; mild: boolean }[]>
> = {
  DONATION: [
    { when: 'pledged', modality: 'PLEDGED', mild: false },
    { when: 'given', modality: 'ASSERTED', mild: false },
  ],
  CRITICISM: [
    { when: 'usually', modality: 'ASSERTED', mild: false },
    { when: 'when mild', modality: 'ASSERTED', mild: true },
  ],
};

/**
 * The CAMEO code of an event. Two types depend on more than the type: a donation that was given
 * (ASSERTED) is 071 rather than the pledge's 0331, and mild criticism is 110 rather than 111.
 */
export function cameoFor(type: EventType, modality: Modality, mild: boolean): CameoCode | null {
  let code = CAMEO_BY_TYPE[type];
  if (type === 'DONATION' && modality === 'ASSERTED') code = '071';
  if (type === 'CRITICISM' && mild) code = '110';
  if (code === null) return null;
  return { code, label: CAMEO_LABEL[code] ?? code };
}

/** The PLOVER type and mode; a given donation is AID, a pledged one AGREE. */
export function ploverFor(type: EventType, modality: Modality): PloverCode | null {
  if (type === 'DONATION' && modality === 'ASSERTED') return { type: 'AID', mode: null };
  return PLOVER_BY_TYPE[type];
}
