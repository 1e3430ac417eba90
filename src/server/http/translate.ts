import type { Context } from '@nocobase/actions';
import { LocaleKey, NAMESPACE } from '../../locale';

/** A message of this plugin in the request's language (X-Locale, then the app's default). */
export function translate(ctx: Context, key: LocaleKey): string {
  return ctx.t(key, { ns: NAMESPACE });
}
