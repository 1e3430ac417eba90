import { LOCALES } from '../../src/locale';

describe('every message exists in en-US, ru-RU and zh-CN', () => {
  const english = Object.keys(LOCALES['en-US']).sort();

  it.each(['ru-RU', 'zh-CN'] as const)('%s has exactly the English keys', (locale) => {
    expect(Object.keys(LOCALES[locale]).sort()).toEqual(english);
  });

  it.each(Object.keys(LOCALES) as (keyof typeof LOCALES)[])('%s has no empty translation', (locale) => {
    const empty = Object.entries(LOCALES[locale]).filter(([, text]) => !text.trim());
    expect(empty).toEqual([]);
  });
});

describe('translations keep the placeholders of the English message', () => {
  const placeholders = (text: string) => (text.match(/\{\{\s*\w+\s*\}\}/g) ?? []).sort();

  it.each(['ru-RU', 'zh-CN'] as const)('%s uses the same {{placeholders}}', (locale) => {
    const mismatched = Object.entries(LOCALES['en-US']).filter(
      ([key, english]) =>
        JSON.stringify(placeholders(english)) !==
        JSON.stringify(placeholders((LOCALES[locale] as Record<string, string>)[key] ?? '')),
    );
    expect(mismatched).toEqual([]);
  });
});
