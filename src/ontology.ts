// The ontology's closed vocabularies (ontology.md), and everything derived from them that is
// written into the graph. Labels and relationship types in Cypher come only from these tables.
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
