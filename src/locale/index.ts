import enUS from './en-US.json';
import ruRU from './ru-RU.json';
import zhCN from './zh-CN.json';

export { NAMESPACE } from '../common/constants';

export const LOCALES = { 'en-US': enUS, 'ru-RU': ruRU, 'zh-CN': zhCN } as const;

export type LocaleKey = keyof typeof enUS;
