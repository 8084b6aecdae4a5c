import { describe, expect, it } from 'vitest';
import {
  countryName,
  defaultRegion,
  isCountryCode,
  regionOfLanguage,
  regionOfTimeZone,
} from '../../models/region/region';

describe('the region a user never chose', () => {
  it('takes a region the browser language implies, where it implies one', () => {
    expect(['de', 'en', 'en-GB', 'es', 'fr-CA', 'ja', 'pt-BR', 'pt'].map(regionOfLanguage)).toEqual([
      'DE',
      'US',
      'GB',
      'ES',
      'CA',
      'JP',
      'BR',
      'BR',
    ]);
    expect(['es-419', 'not a tag', ''].map(regionOfLanguage)).toEqual([null, null, null]);
  });

  it('knows the country of a time zone, by its name now and by the older names browsers still report', () => {
    const zones = ['Europe/Berlin', 'Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kiev', 'America/Sao_Paulo'];
    expect(zones.map(regionOfTimeZone)).toEqual(['DE', 'IN', 'IN', 'UA', 'BR']);
    expect(['Asia/Tokyo', 'America/Los_Angeles', 'US/Eastern', 'Europe/Zurich'].map(regionOfTimeZone)).toEqual([
      'JP',
      'US',
      'US',
      'CH',
    ]);
    // A clock that says nothing of a place.
    expect(['UTC', 'Etc/UTC', 'Etc/GMT-5', 'Mars/Olympus', ''].map(regionOfTimeZone)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it("takes an old name to its own place's country, where its link now points to another country's zone", () => {
    // Names ICU still reports; tzdata links them to a zone of the same clock across a border (Asmera → Nairobi).
    const zones = ['Africa/Asmera', 'America/Coral_Harbour', 'Pacific/Ponape', 'Pacific/Truk', 'Iceland'];
    expect(zones.map(regionOfTimeZone)).toEqual(['ER', 'CA', 'FM', 'FM', 'IS']);
  });

  it('has a country for every time zone this runtime lists', () => {
    // ICU's canonical names, as a browser's Intl reports them (Asia/Calcutta, Europe/Kiev).
    expect(Intl.supportedValuesOf('timeZone').filter((zone) => !regionOfTimeZone(zone))).toEqual([]);
  });

  it("puts the clock's country before the language's", () => {
    expect(defaultRegion('Asia/Calcutta', 'en-US')).toBe('IN');
    expect(defaultRegion('Europe/Zurich', 'de')).toBe('CH');
    expect(defaultRegion('Etc/UTC', 'pt-BR')).toBe('BR');
    expect(defaultRegion(undefined, 'ja')).toBe('JP');
    expect(defaultRegion('Etc/GMT+3', 'es-419')).toBeNull();
  });
});

describe('country codes', () => {
  it('takes the ISO 3166-1 codes of countries, and names them in the reader’s language', () => {
    expect(['DE', 'GB', 'IN', 'CH', 'BR', 'JP'].every(isCountryCode)).toBe(true);
    // The UK's code is GB; the EU, a private-use code and lower case are no country TMDB knows.
    expect(['UK', 'EU', 'XX', 'ZZ', 'de', '', 'DEU'].some(isCountryCode)).toBe(false);
    expect(countryName('CH', 'en')).toBe('Switzerland');
    expect(countryName('CH', 'de')).toBe('Schweiz');
    expect(countryName('IN', 'ja')).toBe('インド');
  });
});
