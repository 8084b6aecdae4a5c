/**
 * Writes models/region/time-zones.json: the country of each time zone a browser may report, from the tz database
 * Debian installs (`tzdata`, public domain). zone.tab gives each zone's country; the database's links give the older
 * names that browsers still report (Chromium says "Asia/Calcutta" for Asia/Kolkata) their target's country.
 * Run by hand when tzdata changes: `npm run region:build`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const ZONEINFO = process.env.ZONEINFO ?? '/usr/share/zoneinfo';
const OUT = 'models/region/time-zones.json';

const country = new Map<string, string>();
for (const line of readFileSync(`${ZONEINFO}/zone.tab`, 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [code, , zone] = line.split('\t');
  if (code && zone) country.set(zone, code);
}
const zi = readFileSync(`${ZONEINFO}/tzdata.zi`, 'utf8');
const version = /^# version (\S+)/m.exec(zi)?.[1] ?? 'unknown';
/**
 * Old names whose link now points at another country's zone that keeps the same clock (tzdata merges such zones
 * across borders): each is taken to the zone.tab zone of the place it names instead (Africa/Asmera is Asmara, ER,
 * not Nairobi, KE). Checked by hand against the links in tzdata 2025b.
 */
const SAME_PLACE: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'Africa/Timbuktu': 'Africa/Bamako',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Virgin': 'America/St_Thomas',
  'Antarctica/South_Pole': 'Antarctica/McMurdo',
  'Atlantic/Jan_Mayen': 'Arctic/Longyearbyen',
  Iceland: 'Atlantic/Reykjavik',
  'Pacific/Johnston': 'Pacific/Midway',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Yap': 'Pacific/Chuuk',
};
for (const [alias, place] of Object.entries(SAME_PLACE)) {
  const code = country.get(place);
  if (!code) throw new Error(`${place} (for ${alias}) is not in zone.tab`);
  country.set(alias, code);
}
// A link's target may itself be a link: follow until a zone with a country (or none).
const links = new Map<string, string>();
for (const line of zi.split('\n')) {
  const [kind, target, alias] = line.split(' ');
  if (kind === 'L' && target && alias) links.set(alias, target);
}
for (const alias of links.keys()) {
  if (country.has(alias)) continue;
  let target = links.get(alias);
  for (let hops = 0; target && !country.has(target) && hops < 5; hops++) target = links.get(target);
  const code = target && country.get(target);
  if (code) country.set(alias, code);
}

const byCountry: Record<string, string[]> = {};
for (const [zone, code] of [...country].sort(([a], [b]) => a.localeCompare(b))) (byCountry[code] ??= []).push(zone);
const sorted = Object.fromEntries(Object.entries(byCountry).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(OUT, `${JSON.stringify({ source: `tzdata ${version}: zone.tab and links`, zones: sorted })}\n`);
console.log(`${OUT}: ${country.size} zones in ${Object.keys(sorted).length} countries (tzdata ${version})`);
