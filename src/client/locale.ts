import { useTranslation } from 'react-i18next';
import { NAMESPACE } from '../common/constants';
import type { LocaleKey } from '../locale';

/** A schema string that the canvas translates when it renders (`{{t("…", { ns })}}`). */
export function tExpr(key: LocaleKey): string {
  return `{{t(${JSON.stringify(key)}, { ns: ${JSON.stringify(NAMESPACE)} })}}`;
}

/** This plugin's translations inside a component. */
export function usePluginTranslation(): (key: LocaleKey, options?: Record<string, unknown>) => string {
  const { t } = useTranslation(NAMESPACE);
  return (key, options) => t(key, { ns: NAMESPACE, ...options });
}
