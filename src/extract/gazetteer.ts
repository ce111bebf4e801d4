// TEMP stand-in until the gazetteer data lands.
import type { ActorKind } from '../generated/graphql';
export interface GazetteerEntry {
  id: string;
  name: string;
  kind: ActorKind;
  country?: string;
  aliases: string[];
  descriptions?: string[];
  metonyms?: string[];
  demonyms?: string[];
  memberOf?: string;
  ambiguous?: boolean;
}
const E: GazetteerEntry[] = [
  {
    id: 'twitter',
    name: 'Twitter',
    kind: 'PLATFORM',
    country: 'US',
    aliases: [],
    descriptions: ['social network', 'company', 'platform'],
  },
  {
    id: 'rt',
    name: 'RT',
    kind: 'MEDIA_OUTLET',
    country: 'RU',
    aliases: ['Russia Today'],
    descriptions: ['channel', 'broadcaster', 'television channel'],
  },
  {
    id: 'sputnik',
    name: 'Sputnik',
    kind: 'MEDIA_OUTLET',
    country: 'RU',
    aliases: [],
    descriptions: ['news agency', 'agency'],
  },
  {
    id: 'tass',
    name: 'TASS',
    kind: 'MEDIA_OUTLET',
    country: 'RU',
    aliases: [],
    descriptions: ['agency'],
  },
  {
    id: 'kremlin',
    name: 'the Kremlin',
    kind: 'GOVERNMENT_BODY',
    country: 'RU',
    aliases: ['Kremlin'],
  },
  {
    id: 'russia',
    name: 'Russia',
    kind: 'STATE',
    country: 'RU',
    aliases: ['Russian Federation'],
    demonyms: ['Russian'],
  },
  {
    id: 'russia-government',
    name: 'Russian government',
    kind: 'GOVERNMENT_BODY',
    country: 'RU',
    aliases: [],
    metonyms: ['Moscow'],
  },
  {
    id: 'united-states',
    name: 'United States',
    kind: 'STATE',
    country: 'US',
    aliases: ['US', 'U.S.', 'USA', 'America'],
    demonyms: ['American', 'US', 'U.S.'],
  },
  { id: 'china', name: 'China', kind: 'STATE', country: 'CN', aliases: [], demonyms: ['Chinese'] },
  {
    id: 'latvia',
    name: 'Latvia',
    kind: 'STATE',
    country: 'LV',
    aliases: [],
    demonyms: ['Latvian'],
  },
  { id: 'xinhua', name: 'Xinhua', kind: 'MEDIA_OUTLET', country: 'CN', aliases: [] },
  { id: 'cgtn', name: 'CGTN', kind: 'MEDIA_OUTLET', country: 'CN', aliases: [] },
  {
    id: 'dmitry-peskov',
    name: 'Dmitry Peskov',
    kind: 'PERSON',
    country: 'RU',
    aliases: ['Peskov'],
    memberOf: 'kremlin',
  },
];
export function loadGazetteer(): readonly GazetteerEntry[] {
  return E;
}
