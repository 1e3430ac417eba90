import enUS from './en-US.json';
import ruRU from './ru-RU.json';
import zhCN from './zh-CN.json';

export const NAMESPACE = '@hookflow/plugin-workflow-http';

export const LOCALES = { 'en-US': enUS, 'ru-RU': ruRU, 'zh-CN': zhCN } as const;

export type LocaleKey = keyof typeof enUS;
