export { default } from './Plugin';
export * from './Plugin';
