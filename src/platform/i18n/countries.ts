/**
 * ISO 3166-1 alpha-2 codes grouped by UN M49 world region. Names come from Intl.DisplayNames in
 * the reader's language, so only the codes live here.
 */
export const WORLD_REGIONS = ['africa', 'americas', 'asia', 'europe', 'oceania'] as const;
export type WorldRegion = (typeof WORLD_REGIONS)[number];

const CODES_BY_REGION: Record<WorldRegion, string> = {
  africa:
    'DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW IO TF',
  americas:
    'AI AG AR AW BS BB BZ BM BO BQ BV BR CA KY CL CO CR CU CW DM DO EC SV FK GF GL GD GP GT GY HT HN JM MQ MX MS NI PA PY PE PR BL KN LC MF PM VC SX GS SR TT TC US UM UY VE VG VI',
  asia: 'AF AM AZ BH BD BT BN KH CN CY GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB MO MY MV MN MM NP KP OM PK PS PH QA SA SG KR LK SY TW TJ TH TL TR TM AE UZ VN YE',
  europe:
    'AX AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG VA HU IS IE IM IT JE XK LV LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB',
  oceania: 'AS AU CX CC CK FJ PF GU HM KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF AQ',
};

const REGION_BY_CODE = new Map<string, WorldRegion>(
  WORLD_REGIONS.flatMap((region) => CODES_BY_REGION[region].split(' ').map((code) => [code, region] as const)),
);

export const COUNTRY_CODES: readonly string[] = [...REGION_BY_CODE.keys()].sort();

export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && REGION_BY_CODE.has(value);
}

export function regionOfCountry(code: string): WorldRegion | null {
  return REGION_BY_CODE.get(code) ?? null;
}

export function countriesInRegion(region: WorldRegion): string[] {
  return CODES_BY_REGION[region].split(' ');
}
